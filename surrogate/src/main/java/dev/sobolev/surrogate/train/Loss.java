package dev.sobolev.surrogate.train;

import java.util.Locale;

/** The training loss: values and derivatives (Sobolev), or values only. */
public enum Loss {
    /** Values and input derivatives (Czarnecki et al. 2017, "Sobolev Training for Neural Networks", eq. (1)). */
    SOBOLEV,
    /** Values only ("vanilla" training). */
    VALUE;

    /** The lower-case name ({@code sobolev}, {@code value}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the loss fits derivatives (and so needs derivative labels). */
    public boolean sobolev() {
        return this == SOBOLEV;
    }
}
