package dev.sobolev.core.provenance;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.Version;

/**
 * Where a model came from, in the manner of Tribuo's provenance objects: the software that made it, the job, its
 * seed, the data set, the job's configuration, what the job measured, and the model it was derived from. The
 * model file stores {@link #toJson()}; {@link #fromJson(JsonNode)} reads it back.
 *
 * <p>The thread count is not recorded: no job's result depends on it, and the same seed gives the same model file
 * for any thread count.
 *
 * <p>JSON form: {@code {"software": "sobolev 0.1.0", "job": "train", "seed": 42, "data": {"path": …, "meta": …},
 * "<configuration name>": {…}, "result": {…}, "parent": {"path": …, "params": …, "provenance": {…}}}}, with
 * {@code result} and {@code parent} left out when absent.
 *
 * @param software      the software and its version, e.g. {@code sobolev 0.1.0}
 * @param job           the job that made the model
 * @param seed          the job's seed
 * @param data          the data set the job read
 * @param configuration the job's configuration
 * @param outcome       what the job measured (named {@value #OUTCOME}), or null
 * @param parent        the model this one was derived from, or null
 */
public record Provenance(String software, Job job, long seed, DatasetRef data, Section configuration, Section outcome,
                         Parent parent) {
    /** Name of the outcome section. */
    public static final String OUTCOME = "result";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The jobs that make models, each with the name of its configuration section. */
    public enum Job {
        /** Training from scratch; configuration section {@code training}. */
        TRAIN("training"),
        /** Pruning and fine-tuning a parent model; configuration section {@code pruning}. */
        PRUNE("pruning"),
        /** Fine-tuning a pruned parent model; configuration section {@code fineTuning}. */
        FINETUNE("fineTuning");

        private final String section;

        Job(String section) {
            this.section = section;
        }

        /** The lower-case name stored in the JSON form ({@code train}, {@code prune}, {@code finetune}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The name of this job's configuration section. */
        public String section() {
            return section;
        }

        static Job parse(String label) {
            for (Job j : values()) {
                if (j.label().equals(label)) {
                    return j;
                }
            }
            throw new InvalidParameterException("job", "must be train, prune or finetune, got " + label);
        }
    }

    /** One named part of a provenance record: a job's configuration or its outcome, as a JSON object. */
    public interface Section {
        /** The name of the section in the JSON form. */
        String name();

        /** The section's JSON object (a fresh copy on each call). */
        ObjectNode toJson();
    }

    /**
     * A section as read back from JSON.
     *
     * @param name the section's name
     * @param body its JSON object
     */
    public record Recorded(String name, ObjectNode body) implements Section {
        /** Copies the body. */
        public Recorded {
            Objects.requireNonNull(name, "name");
            body = body.deepCopy();
        }

        /** A copy of the body. */
        @Override
        public ObjectNode body() {
            return body.deepCopy();
        }

        @Override
        public ObjectNode toJson() {
            return body.deepCopy();
        }
    }

    /**
     * The model a derived model (a pruned one) came from.
     *
     * @param path       absolute path of the parent's model file
     * @param parameters the parent's parameter count
     * @param provenance the provenance stored in the parent's file, as it is there (files from older builds use
     *                   other keys); {@link #typed()} reads it as a {@link Provenance}
     */
    public record Parent(String path, long parameters, JsonNode provenance) {
        /** Copies the parent's provenance. */
        public Parent {
            Objects.requireNonNull(path, "path");
            provenance = provenance == null ? MAPPER.createObjectNode() : provenance.deepCopy();
        }

        /** A copy of the parent's provenance JSON. */
        @Override
        public JsonNode provenance() {
            return provenance.deepCopy();
        }

        /** The parent's provenance as a record, if the parent file stores this record's JSON form. */
        public Optional<Provenance> typed() {
            return provenance.has("job") ? Optional.of(Provenance.fromJson(provenance)) : Optional.empty();
        }

        ObjectNode toJson() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("path", path);
            o.put("params", parameters);
            o.set("provenance", provenance.deepCopy());
            return o;
        }

        static Parent fromJson(JsonNode node) {
            JsonNode p = node.path("path");
            if (!p.isTextual()) {
                throw new InvalidParameterException("parent", "needs a text path, got " + node);
            }
            return new Parent(p.asText(), node.path("params").asLong(), node.get("provenance"));
        }
    }

    /** Validates that the required parts are present. */
    public Provenance {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(configuration, "configuration");
        if (!configuration.name().equals(job.section())) {
            throw new InvalidParameterException("configuration", "of a " + job.label() + " job must be named '"
                    + job.section() + "', got '" + configuration.name() + "'");
        }
        if (outcome != null && !OUTCOME.equals(outcome.name())) {
            throw new InvalidParameterException("outcome", "must be named '" + OUTCOME + "', got '" + outcome.name()
                    + "'");
        }
    }

    /**
     * The provenance of a job run by this build of the software.
     *
     * @param job           the job
     * @param seed          its seed
     * @param data          the data set it read
     * @param configuration its configuration
     * @param outcome       what it measured, or null
     * @param parent        the model it derived from, or null
     * @return the record, with {@link #software()} naming this build's version
     */
    public static Provenance of(Job job, long seed, DatasetRef data, Section configuration, Section outcome,
                                Parent parent) {
        return new Provenance("sobolev " + Version.get(), job, seed, data, configuration, outcome, parent);
    }

    /** The JSON object a model file stores. */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("software", software);
        o.put("job", job.label());
        o.put("seed", seed);
        o.set("data", data.toJson());
        o.set(configuration.name(), configuration.toJson());
        if (outcome != null) {
            o.set(OUTCOME, outcome.toJson());
        }
        if (parent != null) {
            o.set("parent", parent.toJson());
        }
        return o;
    }

    /**
     * Reads {@link #toJson()}'s form back; the configuration and outcome come back as {@link Recorded} sections.
     *
     * @param node the JSON object
     * @return the record
     * @throws InvalidParameterException if a required key is missing or of the wrong type
     */
    public static Provenance fromJson(JsonNode node) {
        String software = text(node, "software");
        Job job = Job.parse(text(node, "job"));
        JsonNode seed = node.path("seed");
        if (!seed.canConvertToLong() || !seed.isIntegralNumber()) {
            throw new InvalidParameterException("seed", "must be an integer, got " + seed);
        }
        DatasetRef data = DatasetRef.fromJson(object(node, "data"));
        Section configuration = new Recorded(job.section(), object(node, job.section()));
        Section outcome = node.has(OUTCOME) ? new Recorded(OUTCOME, object(node, OUTCOME)) : null;
        Parent parent = node.has("parent") ? Parent.fromJson(object(node, "parent")) : null;
        return new Provenance(software, job, seed.asLong(), data, configuration, outcome, parent);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        if (!v.isTextual()) {
            throw new InvalidParameterException(key, "must be a text value, got " + v);
        }
        return v.asText();
    }

    private static ObjectNode object(JsonNode node, String key) {
        JsonNode v = node.path(key);
        if (!v.isObject()) {
            throw new InvalidParameterException(key, "must be a JSON object, got " + v);
        }
        return (ObjectNode) v;
    }

    /**
     * Records are equal when their JSON texts are: a typed section equals its {@link Recorded} reading, and a
     * number equals its value read back from a file whatever integer width the reader chose.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && toString().equals(p.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The JSON text of {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
