package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates JSON against a schema of one of the OpenAPI documents in {@code github-fixtures/},
 * OpenAPI 3.0 dialect.
 */
final class OpenApiSchemas {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          b ->
              b.metaSchema(OpenApi30.getInstance())
                  .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private OpenApiSchemas() {}

  /**
   * Problems of {@code json} against {@code pointer} (e.g. {@code /components/schemas/issue}) in
   * {@code document}.
   */
  static String problems(String document, String pointer, JsonNode json) {
    JsonSchema schema =
        CACHE.computeIfAbsent(
            document + "#" + pointer,
            k -> FACTORY.getSchema(SchemaLocation.of("classpath:github-fixtures/" + k), CONFIG));
    Set<ValidationMessage> errors = schema.validate(json);
    return errors.stream()
        .map(ValidationMessage::getMessage)
        .limit(8)
        .collect(Collectors.joining("; "));
  }

  static String issues(String schemaName, JsonNode json) {
    return problems("openapi-issues-subset.json", "/components/schemas/" + schemaName, json);
  }
}
