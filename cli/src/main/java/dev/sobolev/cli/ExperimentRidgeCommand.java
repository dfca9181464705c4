package dev.sobolev.cli;

import java.util.Arrays;
import java.util.function.Consumer;

import dev.sobolev.reports.experiments.RidgeExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sobolev experiment ridge}: McDonagh &amp; Chen §5, Figs. 5–7 ({@link RidgeExperiment}). */
@Command(name = "ridge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ridge-gradients (McDonagh & Chen, section 5): the sine example of Figs. 5-6 (z = sin x on "
                + "[0, 2pi], 7 RBFs with r = 1 plus a constant, 12 training samples, lambda1 = lambda2 = 0.1) as "
                + "mean test RMSEs of ridge-gradients, ridge and Huge-Savine differential regression over --draws "
                + "draws (default 10000), the Fig. 7 sweep (sizes 10..50 step 2, --sweep-draws 50 each) and the "
                + "penalties a validation set chooses. Values and derivatives carry Gaussian noise of sd --noise "
                + "(0.25, this experiment's calibration; the paper prints none). A default run takes about 10 s "
                + "on one thread."})
final class ExperimentRidgeCommand implements Runnable {
    @Option(names = "--lambda1", description = "Ridge penalty of every fit and of beta_grad (default 0.1).")
    Double lambda1;
    @Option(names = "--lambda2", description = "Ridge-gradients' penalty towards beta_grad (default 0.1).")
    Double lambda2;
    @Option(names = "--basis", description = "Basis: rbf (evenly spaced Gaussian RBFs, the paper's) or polynomial "
            + "(monomials of the input scaled to [-1, 1]); each with a constant (default rbf).")
    RidgeExperiment.BasisKind basis;
    @Option(names = "--basis-size", description = "Number of RBFs, or the polynomial degree (default 7).")
    Integer basisSize;
    @Option(names = "--radius", description = "RBF radius r (default 1).")
    Double radius;
    @Option(names = "--size", description = "Training size of the sine example (default 12).")
    Integer size;
    @Option(names = "--weight", description = "Weight of the derivative term of differential regression "
            + "(default 0.5, Huge and Savine's).")
    Double weight;
    @Option(names = "--noise", description = "Standard deviation of the noise on values and derivatives "
            + "(default 0.25).")
    Double noise;
    @Option(names = "--exact-test", description = "Score against exact test labels (sin x, cos x) instead of noisy "
            + "ones.")
    boolean exactTest;
    @Option(names = "--test-size", description = "Test points per draw (default 1000).")
    Integer testSize;
    @Option(names = "--validation-size", description = "Validation points per draw (default 50).")
    Integer validationSize;
    @Option(names = "--grid", description = "Candidate penalties of the validation search, comma-separated "
            + "(default 0.001,0.01,0.1,1,10).")
    String grid;
    @Option(names = "--sweep-from", description = "Smallest training size of the sweep (default 10).")
    Integer sweepFrom;
    @Option(names = "--sweep-to", description = "Largest training size of the sweep (default 50).")
    Integer sweepTo;
    @Option(names = "--sweep-step", description = "Step of the sweep's training sizes (default 2).")
    Integer sweepStep;
    @Option(names = "--sweep-draws", description = "Draws per sweep size (default 50, the paper's).")
    Integer sweepDraws;
    @Mixin
    CommonOptions common;
    @Mixin
    ExperimentOptions experiment;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        experiment.checkedOut(spec.name());
        RidgeExperiment.Builder b = RidgeExperiment.Settings.builder().seed(common.seed).threads(common.threads())
                .exactTest(exactTest);
        RidgeExperiment.Settings defaults = b.build();
        b.draws(experiment.draws(defaults.draws()));
        set(lambda1, b::lambda1);
        set(lambda2, b::lambda2);
        set(basis, b::basis);
        set(basisSize, b::basisSize);
        set(radius, b::radius);
        set(size, b::size);
        set(weight, b::weight);
        set(noise, b::noise);
        set(testSize, b::testSize);
        set(validationSize, b::validationSize);
        set(sweepDraws, b::sweepDraws);
        if (grid != null) {
            b.grid(Arrays.stream(Parsing.vector("--grid", grid)).boxed().toList());
        }
        b.sweep(sweepFrom != null ? sweepFrom : defaults.sweepFrom(), sweepTo != null ? sweepTo : defaults.sweepTo(),
                sweepStep != null ? sweepStep : defaults.sweepStep());
        RidgeExperiment.Result r = RidgeExperiment.run(b.build());
        ExperimentCommand.emit(spec, common, experiment, r.report(), r.json(), r.elapsed().toNanos() / 1e9);
    }

    /** Hands an option to the builder when it was given; the builder holds the defaults. */
    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
