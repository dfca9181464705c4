package dev.sobolev.surrogate.train;

/**
 * Learning-rate schedules as a function of the (fractional) epoch t ∈ [0, E).
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.TimeDecay, Schedule.Step, Schedule.Cosine,
        Schedule.OneCycle {

    /**
     * The learning rate at fractional epoch t of a run of {@code epochs} epochs.
     *
     * @param t      epoch + fraction of the epoch done
     * @param epochs total epochs E
     */
    double rate(double t, int epochs);

    /** A constant rate η. */
    record Constant(double lr) implements Schedule {
        /** Validates η. */
        public Constant {
            requireRate("lr", lr);
        }

        @Override
        public double rate(double t, int epochs) {
            return lr;
        }
    }

    /**
     * Time-based decay η(t) = η₀/(1 + k·t) (Keras; the schedule of McDonagh &amp; Chen, 0.01 → 0.0005 over 300 epochs is
     * k = 19/300).
     */
    record TimeDecay(double lr, double decay) implements Schedule {
        /** Validates the settings. */
        public TimeDecay {
            requireRate("lr", lr);
            if (!(decay >= 0) || !Double.isFinite(decay)) {
                throw new IllegalArgumentException("decay must be finite and >= 0, got " + decay);
            }
        }

        /** The decay that takes η₀ to η₁ after E epochs. */
        public static TimeDecay between(double lr0, double lr1, int epochs) {
            return new TimeDecay(lr0, (lr0 / lr1 - 1) / epochs);
        }

        @Override
        public double rate(double t, int epochs) {
            return lr / (1 + decay * t);
        }
    }

    /** Step decay η₀·γ^⌊t/s⌋. */
    record Step(double lr, double factor, int every) implements Schedule {
        /** Validates the settings. */
        public Step {
            requireRate("lr", lr);
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("step factor must be in (0, 1], got " + factor);
            }
            if (every < 1) {
                throw new IllegalArgumentException("step length must be >= 1 epoch, got " + every);
            }
        }

        @Override
        public double rate(double t, int epochs) {
            return lr * Math.pow(factor, Math.floor(t / every));
        }
    }

    /** Cosine decay from η₀ to η_min over the run (Loshchilov &amp; Hutter 2017, without restarts). */
    record Cosine(double lr, double minLr) implements Schedule {
        /** Validates the settings. */
        public Cosine {
            requireRate("lr", lr);
            if (!(minLr >= 0 && minLr <= lr)) {
                throw new IllegalArgumentException("minimum rate must be in [0, lr], got " + minLr);
            }
        }

        @Override
        public double rate(double t, int epochs) {
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(1, t / epochs)));
        }
    }

    /**
     * Piecewise-linear one-cycle schedule through (0, η_start), (p₁E, η_peak), (p₂E, η_mid), (E, η_end); the
     * Huge–Savine notebook uses 1e−8 → 0.1 → 0.01 → 1e−6 at 0, 0.2, 0.6, 1.
     */
    record OneCycle(double start, double peak, double mid, double end, double peakAt, double midAt) implements Schedule {
        /** Huge &amp; Savine's schedule. */
        public static OneCycle hugeSavine() {
            return new OneCycle(1e-8, 0.1, 0.01, 1e-6, 0.2, 0.6);
        }

        /** Validates the settings. */
        public OneCycle {
            requireRate("start", start);
            requireRate("peak", peak);
            requireRate("mid", mid);
            requireRate("end", end);
            if (!(0 < peakAt && peakAt < midAt && midAt < 1)) {
                throw new IllegalArgumentException("one-cycle needs 0 < peakAt < midAt < 1, got " + peakAt + ", " + midAt);
            }
        }

        @Override
        public double rate(double t, int epochs) {
            double u = Math.min(1, t / epochs);
            if (u < peakAt) {
                return start + (peak - start) * u / peakAt;
            }
            if (u < midAt) {
                return peak + (mid - peak) * (u - peakAt) / (midAt - peakAt);
            }
            return mid + (end - mid) * (u - midAt) / (1 - midAt);
        }
    }

    private static void requireRate(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("learning rate " + name + " must be finite and > 0, got " + v);
        }
    }
}
