import java.nio.file.*;
import java.util.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

// Decodes every golden vector with Apache Avro's BinaryMessageDecoder, the way a Java consumer decodes
// Provenant events (docs/events.md). From the repository root:
//   mvn -q -f tools/schemas/interop/java/pom.xml dependency:copy-dependencies -DoutputDirectory=lib
//   javac -cp "tools/schemas/interop/java/lib/*" -d /tmp/decode-vectors tools/schemas/interop/java/src/main/java/DecodeVectors.java
//   java -cp "/tmp/decode-vectors:tools/schemas/interop/java/lib/*" DecodeVectors .
public class DecodeVectors {
  public static void main(String[] args) throws Exception {
    Path repo = Paths.get(args[0]);
    // Every writer schema ever released, by fingerprint (Parsing Canonical Form strings).
    SchemaStore.Cache writers = new SchemaStore.Cache();
    JsonNode history = new ObjectMapper().readTree(repo.resolve("schemas/writer-history.json").toFile()).get("writers");
    history.fields().forEachRemaining(event -> event.getValue().fields().forEachRemaining(
        version -> writers.addSchema(new Schema.Parser().parse(version.getValue().asText()))));
    int ok = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(repo.resolve("schemas/vectors"), "*.avsc")) {
      for (Path file : files) {
        // Reader schema of one event type: the self-contained schema published beside the vectors.
        Schema reader = new Schema.Parser().parse(file.toFile());
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), reader, writers);
        String name = file.getFileName().toString().replace(".avsc", "");
        byte[] bytes = Files.readAllBytes(repo.resolve("schemas/vectors/" + name + ".bin"));
        GenericRecord event = decoder.decode(bytes);
        long fp = SchemaNormalization.parsingFingerprint64(reader);
        String hex = String.format("%016x", Long.reverseBytes(fp));
        String header = HexFormat.of().formatHex(bytes, 2, 10);
        if (!hex.equals(header)) throw new IllegalStateException(name + " fingerprint " + hex + " != " + header);
        GenericRecord meta = (GenericRecord) event.get("meta");
        if (ok == 0) System.out.println(name + " " + meta.get("eventId") + " " + meta.get("subject"));
        ok++;
      }
    }
    System.out.println("decoded " + ok + " vectors, fingerprints equal");
  }
}
