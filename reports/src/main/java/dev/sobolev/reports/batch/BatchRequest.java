package dev.sobolev.reports.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.surrogate.api.DomainPolicy;

/**
 * The settings of a {@link BatchJob} run, built with {@link #builder()}. Errors name the builder's parameters:
 * {@code model}, {@code portfolio}, {@code in}, {@code out}, {@code columns}, {@code gamma}, {@code direction},
 * {@code base}, {@code domain}, {@code maxRejects}, {@code threads}, {@code resume}, {@code compareExact},
 * {@code perPosition}, {@code chunkRows}. What needs the files (a column the header lacks, a direction of the
 * wrong length, a base row that is not there) is checked by the job.
 *
 * @param model        the model file, or null with a portfolio
 * @param portfolio    the portfolio file ({@code id,model,quantity}), or null with a model
 * @param in           the scenario CSV (a header row, then one scenario per line)
 * @param out          the output CSV
 * @param columns      the scenario column of each model input in the model's order, or null to map by name
 * @param gamma        whether to write the gamma (1ᵀH1, or vᵀHv and H·v along the direction)
 * @param direction    the direction v of H·v in the book's input order (implies gamma), or null
 * @param baseRow      the id of the base scenario row (the value of its first passthrough column), or null
 * @param baseValues   the base scenario's inputs in the book's input order, or null
 * @param domain       what to do with points outside the training domain ({@link DomainPolicy#REJECT}: such
 *                     rows go to the rejects file)
 * @param maxRejects   the run stops once more rows than this were rejected
 * @param threads      worker threads (≥ 1); the output does not depend on it
 * @param resume       continue an interrupted run from its journal
 * @param compareExact write the closed form's value and deltas beside the surrogate's
 * @param perPosition  write each position's value ({@code <id>_value}) of a portfolio
 * @param chunkRows    rows per committed chunk (≥ 1; 65,536 by default); the output does not depend on it
 * @param force        replace an existing output, rejects or summary file
 */
public record BatchRequest(Path model, Path portfolio, Path in, Path out, List<String> columns, boolean gamma,
        double[] direction, String baseRow, double[] baseValues, DomainPolicy domain, long maxRejects, int threads,
        boolean resume, boolean compareExact, boolean perPosition, int chunkRows, boolean force) {
    /** Rows of a chunk by default: the unit committed to the journal. */
    public static final int CHUNK_ROWS = 65_536;
    /** Rows of a slice, the unit of work of one thread. */
    public static final int SLICE_ROWS = 4_096;

    /**
     * Validates the settings and copies the arrays.
     *
     * @throws InvalidParameterException naming the parameter: neither or both of model and portfolio, no input or
     *                                   output, columns with a portfolio or empty, a non-finite direction entry,
     *                                   both base forms or a blank base row, a non-finite base value, maxRejects
     *                                   &lt; 0, threads outside [1, 1024], chunkRows &lt; 1, perPosition without a
     *                                   portfolio
     */
    public BatchRequest {
        if ((model == null) == (portfolio == null)) {
            throw new InvalidParameterException(model == null ? "model" : "portfolio",
                    "exactly one of model and portfolio must be given, got " + (model == null ? "neither" : "both"));
        }
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(domain, "domain");
        if (columns != null) {
            if (portfolio != null) {
                throw new InvalidParameterException("columns", "maps the inputs of one model; a portfolio maps its "
                        + "positions' inputs by name");
            }
            if (columns.isEmpty()) {
                throw new InvalidParameterException("columns", "must name at least one column, got none");
            }
            columns = List.copyOf(columns);
        }
        direction = finite("direction", direction);
        gamma = gamma || direction != null;
        if (baseRow != null && baseValues != null) {
            throw new InvalidParameterException("base", "is a row id or values, not both");
        }
        if (baseRow != null && baseRow.isBlank()) {
            throw new InvalidParameterException("base", "must be a row id or values, got '" + baseRow + "'");
        }
        baseValues = finite("base", baseValues);
        if (maxRejects < 0) {
            throw new InvalidParameterException("maxRejects", "must be >= 0, got " + maxRejects);
        }
        if (threads < 1 || threads > 1024) {
            throw new InvalidParameterException("threads", "must be in [1, 1024], got " + threads);
        }
        if (chunkRows < 1) {
            throw new InvalidParameterException("chunkRows", "must be >= 1, got " + chunkRows);
        }
        if (perPosition && portfolio == null) {
            throw new InvalidParameterException("perPosition", "needs a portfolio");
        }
    }

    private static double[] finite(String parameter, double[] v) {
        if (v == null) {
            return null;
        }
        if (v.length == 0) {
            throw new InvalidParameterException(parameter, "must have at least one entry, got none");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidParameterException(parameter + "[" + i + "]", "must be finite, got " + v[i]);
            }
        }
        return v.clone();
    }

    /**
     * The direction of H·v.
     *
     * @return a copy, or null
     */
    @Override
    public double[] direction() {
        return direction == null ? null : direction.clone();
    }

    /**
     * The base scenario's inputs.
     *
     * @return a copy, or null
     */
    @Override
    public double[] baseValues() {
        return baseValues == null ? null : baseValues.clone();
    }

    /**
     * A builder with the defaults: domain {@link DomainPolicy#FLAG}, no reject limit, threads = available
     * processors, chunks of {@link #CHUNK_ROWS} rows.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BatchRequest}; every setter returns the builder. */
    public static final class Builder {
        private Path model;
        private Path portfolio;
        private Path in;
        private Path out;
        private List<String> columns;
        private boolean gamma;
        private double[] direction;
        private String baseRow;
        private double[] baseValues;
        private DomainPolicy domain = DomainPolicy.FLAG;
        private long maxRejects = Long.MAX_VALUE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean resume;
        private boolean compareExact;
        private boolean perPosition;
        private int chunkRows = CHUNK_ROWS;
        private boolean force;

        private Builder() {
        }

        /** @param v the model file @return this builder */
        public Builder model(Path v) {
            model = v;
            return this;
        }

        /** @param v the portfolio file @return this builder */
        public Builder portfolio(Path v) {
            portfolio = v;
            return this;
        }

        /** @param v the scenario CSV @return this builder */
        public Builder in(Path v) {
            in = v;
            return this;
        }

        /** @param v the output CSV @return this builder */
        public Builder out(Path v) {
            out = v;
            return this;
        }

        /** @param v the scenario column of each model input, in the model's order @return this builder */
        public Builder columns(List<String> v) {
            columns = v;
            return this;
        }

        /** @param v whether to write the gamma @return this builder */
        public Builder gamma(boolean v) {
            gamma = v;
            return this;
        }

        /** @param v the direction of H·v in the book's input order @return this builder */
        public Builder direction(double[] v) {
            direction = v;
            return this;
        }

        /** @param v the id of the base row @return this builder */
        public Builder base(String v) {
            baseRow = v;
            return this;
        }

        /** @param v the base scenario's inputs in the book's input order @return this builder */
        public Builder base(double[] v) {
            baseValues = v;
            return this;
        }

        /** @param v the domain policy @return this builder */
        public Builder domain(DomainPolicy v) {
            domain = v;
            return this;
        }

        /** @param v the largest number of rejected rows before the run stops @return this builder */
        public Builder maxRejects(long v) {
            maxRejects = v;
            return this;
        }

        /** @param v worker threads @return this builder */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** @param v whether to continue an interrupted run @return this builder */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /** @param v whether to write the closed form beside the surrogate @return this builder */
        public Builder compareExact(boolean v) {
            compareExact = v;
            return this;
        }

        /** @param v whether to write each position's value @return this builder */
        public Builder perPosition(boolean v) {
            perPosition = v;
            return this;
        }

        /** @param v rows per committed chunk @return this builder */
        public Builder chunkRows(int v) {
            chunkRows = v;
            return this;
        }

        /** @param v whether existing output files may be replaced @return this builder */
        public Builder force(boolean v) {
            force = v;
            return this;
        }

        /**
         * The request.
         *
         * @return the validated request
         * @throws InvalidParameterException as {@link BatchRequest#BatchRequest}
         */
        public BatchRequest build() {
            return new BatchRequest(model, portfolio, in, out, columns, gamma, direction, baseRow, baseValues, domain,
                    maxRejects, threads, resume, compareExact, perPosition, chunkRows, force);
        }
    }
}
