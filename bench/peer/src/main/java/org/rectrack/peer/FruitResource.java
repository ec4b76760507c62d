package org.rectrack.peer;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/fruits")
@Produces(MediaType.APPLICATION_JSON)
public class FruitResource {

    @GET
    public List<Fruit> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        PanacheQuery<Fruit> query = Fruit.findAll(Sort.by("id"));
        return query.page(0, Math.max(1, Math.min(limit, 500))).list();
    }

    @GET
    @Path("{id}")
    public Fruit one(Long id) {
        Fruit fruit = Fruit.findById(id);
        if (fruit == null) {
            throw new NotFoundException();
        }
        return fruit;
    }
}
