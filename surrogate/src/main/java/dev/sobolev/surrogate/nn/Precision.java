package dev.sobolev.surrogate.nn;

import java.util.Locale;

/**
 * The arithmetic of training's passes. {@link #FLOAT64} is the library's default and the only precision of
 * inference. {@link #FLOAT32} runs the Sobolev loss's layer products, elementwise passes and weight gradients on
 * single-precision rows, as PyTorch users train by default, with double-precision master parameters, optimiser
 * and loss (mixed-precision training after Micikevicius et al., "Mixed Precision Training", ICLR 2018, with
 * float32 in the place of their float16): see {@code Float32Directional}.
 */
public enum Precision {
    /** IEEE double precision throughout. */
    FLOAT64,
    /** Single-precision passes, double-precision parameters and optimiser state. */
    FLOAT32;

    /** The lower-case name ({@code float64}, {@code float32}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
