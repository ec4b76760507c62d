# rectrack for production: the PostgreSQL flavour, built from source, run as a non-root user.
# A 256 MiB heap: about 500 MiB resident under load, up to 555 MiB in a long mixed soak (docs/benchmarks.md);
# give the container 768 MiB, or override JAVA_OPTS (-e JAVA_OPTS=...) to change the heap.
#   docker build -t rectrack .
#   docker run -p 8080:8080 -e QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db-host:5432/rectrack \
#     -e QUARKUS_DATASOURCE_USERNAME=rectrack -e QUARKUS_DATASOURCE_PASSWORD=secret rectrack

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q -Ppostgresql dependency:go-offline || true
COPY src src
RUN mvn -B -q -Ppostgresql package -DskipTests

FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S rectrack && adduser -S -G rectrack rectrack
WORKDIR /app
COPY --from=build --chown=rectrack:rectrack /build/target/quarkus-app/ /app/
USER rectrack
EXPOSE 8080
ENV QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/rectrack \
    QUARKUS_DATASOURCE_USERNAME=rectrack \
    JAVA_OPTS="-Xmx256m"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
