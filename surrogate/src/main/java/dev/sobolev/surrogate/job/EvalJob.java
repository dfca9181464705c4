package dev.sobolev.surrogate.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.sobolev.core.dataset.Dataset;
import dev.sobolev.surrogate.eval.Metrics;
import dev.sobolev.surrogate.nn.Surrogate;

/** Evaluates a surrogate on a test set with exact labels: the {@link Metrics} of every output. */
public final class EvalJob {
    private EvalJob() {
    }

    /**
     * What to evaluate.
     *
     * @param model the surrogate
     * @param test  the test set, of the model's input and output dimensions
     */
    public record Request(Surrogate model, Dataset test) {
        /** Checks that both parts are given. */
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(test, "test");
        }
    }

    /**
     * The metrics.
     *
     * @param outputs    the metrics of each output, in output order
     * @param rows       the test set's row count
     * @param parameters the model's parameter count
     */
    public record Result(List<Metrics> outputs, int rows, int parameters) {
        /** Copies the list. */
        public Result {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Evaluates.
     *
     * @param request the model and the test set
     * @return R² and RMSE of values, deltas and gamma per output
     * @throws IllegalArgumentException if the test set's dimensions do not match the model's
     */
    public static Result run(Request request) {
        Surrogate model = request.model();
        List<Metrics> per = new ArrayList<>();
        for (int k = 0; k < model.outputs(); k++) {
            per.add(Metrics.of(model, request.test(), k));
        }
        return new Result(per, request.test().rows(), model.network().parameterCount());
    }
}
