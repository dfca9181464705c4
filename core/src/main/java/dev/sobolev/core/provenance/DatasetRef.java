package dev.sobolev.core.provenance;

import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.dataset.Dataset;

/**
 * The data set a job read: where it lives and the metadata it was written with (recipe, market, seed, version),
 * so a model names the data it was fitted to.
 *
 * @param path absolute path of the data set directory, or a caller's name for a data set held in memory
 * @param meta the data set's {@code meta.json}, or null when it has none
 */
public record DatasetRef(String path, JsonNode meta) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the metadata so that the reference stays immutable. */
    public DatasetRef {
        Objects.requireNonNull(path, "path");
        meta = meta == null || meta.isNull() ? null : meta.deepCopy();
    }

    /**
     * The reference of a data set read from a directory.
     *
     * @param directory where the data set was read from
     * @param dataset   the data set (its metadata is recorded)
     * @return the absolute path and the metadata
     */
    public static DatasetRef of(Path directory, Dataset dataset) {
        return new DatasetRef(directory.toAbsolutePath().toString(), dataset.meta().orElse(null));
    }

    /** A copy of the metadata, if the data set has any. */
    @Override
    public JsonNode meta() {
        return meta == null ? null : meta.deepCopy();
    }

    /** {@code {"path": …, "meta": {…}}}, {@code meta} left out when absent. */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("path", path);
        if (meta != null) {
            o.set("meta", meta.deepCopy());
        }
        return o;
    }

    /**
     * Reads {@link #toJson()}'s form back.
     *
     * @param node a JSON object with a text {@code path} and an optional {@code meta}
     * @return the reference
     * @throws InvalidParameterException if {@code path} is missing
     */
    public static DatasetRef fromJson(JsonNode node) {
        JsonNode p = node.path("path");
        if (!p.isTextual()) {
            throw new InvalidParameterException("data", "needs a text path, got " + node);
        }
        return new DatasetRef(p.asText(), node.get("meta"));
    }
}
