package dev.sobolev.cli;

import dev.sobolev.pricing.payoff.Call;
import dev.sobolev.pricing.payoff.Digital;
import dev.sobolev.pricing.payoff.Payoff;
import dev.sobolev.pricing.payoff.SmoothedCall;
import dev.sobolev.pricing.payoff.SmoothedDigital;

/** The payoffs the {@code --payoff} options name. */
enum PayoffKind {
    /** (x − K)⁺. */
    CALL,
    /** The smoothed call of width w. */
    SMOOTHED_CALL,
    /** 1{x &gt; K}. */
    DIGITAL,
    /** The smoothed digital of width w. */
    SMOOTHED_DIGITAL;

    /** Whether the payoff takes a smoothing width. */
    boolean smoothed() {
        return this == SMOOTHED_CALL || this == SMOOTHED_DIGITAL;
    }

    /**
     * The payoff.
     *
     * @param strike strike K
     * @param width  smoothing width w (smoothed payoffs only)
     */
    Payoff create(double strike, double width) {
        return switch (this) {
            case CALL -> new Call(strike);
            case SMOOTHED_CALL -> new SmoothedCall(strike, width);
            case DIGITAL -> new Digital(strike);
            case SMOOTHED_DIGITAL -> new SmoothedDigital(strike, width);
        };
    }
}
