package org.rectrack.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rectrack.imports.ImportResourceTest.CSV;
import static org.rectrack.imports.ImportResourceTest.HEADER;
import static org.rectrack.imports.ImportResourceTest.importCsv;
import static org.rectrack.imports.ImportResourceTest.recommendation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;

/** The CSV an import reads: RFC 4180 quoting, line ends, byte-order marks, letters beyond ASCII. */
@QuarkusTest
class CsvImportTest {

    @Test
    void shouldReadQuotedCellsWithCommasQuotesAndNewlines() {
        String report = TestData.report();
        String quoted = TestData.unique(report + "-Q");
        String after = TestData.unique(report + "-Q");
        importCsv("reference,text,report,number\n"
                + quoted + ",\"Amend the law, then \"\"consult\"\"\non a second line\n\nand a third\"," + report + ",1\n"
                + after + ",plain," + report + ",2\n")
                .statusCode(200)
                // the second row starts on line 6: the quoted cell spans lines 2 to 5
                .body("rows.line", equalTo(List.of(2, 6)));
        assertEquals("Amend the law, then \"consult\"\non a second line\n\nand a third", recommendation(quoted).getString("text"));
        assertEquals("plain", recommendation(after).getString("text"));
    }

    @Test
    void shouldReadCrlfLineEnds() {
        String report = TestData.report();
        String first = TestData.unique(report + "-W");
        String second = TestData.unique(report + "-W");
        importCsv("reference,report,number,text,themes\r\n"
                + first + "," + report + ",1,\"Two\r\nlines\",media;election-day\r\n"
                + "\r\n"
                + second + "," + report + ",2,One line,\r\n")
                .statusCode(200)
                .body("rows.line", equalTo(List.of(2, 5)))
                .body("rows.outcome", equalTo(List.of("created", "created")));
        JsonPath stored = recommendation(first);
        assertEquals("Two\r\nlines", stored.getString("text"));
        assertEquals(List.of("election-day", "media"), stored.getList("themes"));
        assertEquals("One line", recommendation(second).getString("text"));
    }

    @Test
    void shouldSkipAByteOrderMark() throws Exception {
        String report = TestData.report();
        String reference = TestData.unique(report + "-B");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.write(("reference,report,number,text\r\n" + reference + "," + report + ",1,Saved by a spreadsheet\r\n")
                .getBytes(StandardCharsets.UTF_8));
        // as curl sends it: no charset parameter
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(body.toByteArray()).post("/api/v1/imports").then()
                .statusCode(200).body("rows[0].outcome", equalTo("created"));
        assertEquals("Saved by a spreadsheet", recommendation(reference).getString("text"));
    }

    @Test
    void shouldReadCyrillicAndKazakhLetters() {
        String report = TestData.report();
        String reference = TestData.unique(report + "-K");
        String text = "Орталық сайлау комиссиясы шағымдарды қарауы керек: ә ғ қ ң ө ұ ү һ і, Ә Ғ Қ Ң Ө Ұ Ү Һ І";
        given().contentType(CSV).body((HEADER + "\n" + reference + "," + report + ",1,\"" + text + "\",,,,,,,\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then()
                .statusCode(200).body("rows[0].outcome", equalTo("created"));
        assertEquals(text, recommendation(reference).getString("text"));
        importCsv(HEADER + "\n" + reference + "," + report + ",1,\"" + text + "\",,,,,,,\n")
                .statusCode(200).body("rows[0].outcome", equalTo("unchanged"));
    }

    @Test
    void shouldReadListsAndIgnoreTheDerivedColumnsOfAnExport() {
        String report = TestData.report();
        String institution = TestData.institution();
        String reference = TestData.unique(report + "-E");
        importCsv(HEADER + ",status,statusAssessedOn,overdue,version,updatedAt\n"
                + reference + "," + report + ",4,Text,TRUE, media ; legal-framework;;," + institution + ",2030-01-31,NOTED,,false,"
                + "FULLY_IMPLEMENTED,2024-01-01,true,99,2024-01-01T00:00:00Z\n")
                .statusCode(200).body("rows[0].outcome", equalTo("created"));
        JsonPath stored = recommendation(reference);
        assertEquals(List.of("legal-framework", "media"), stored.getList("themes"));
        assertEquals(List.of(institution), stored.getList("addressees"));
        assertEquals(true, stored.getBoolean("priority"));
        assertEquals("2030-01-31", stored.getString("targetDate"));
        assertEquals("NOTED", stored.getString("response"));
        assertEquals("NOT_ASSESSED", stored.getString("status"), "derived columns are not written");
        assertEquals(0, stored.getLong("version"));
    }
}
