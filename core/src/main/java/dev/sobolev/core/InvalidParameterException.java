package dev.sobolev.core;

import java.util.Objects;

/**
 * A library argument outside its domain. The message starts with the library's own parameter name (with an index
 * where the parameter is an array, {@code hidden[2]}) followed by what is allowed and what was given:
 * {@code hidden[2] must be >= 1, got 0}. Callers that speak another vocabulary (the command line's option names)
 * map {@link #parameter()} to theirs and keep {@link #detail()} as it is.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The parameter name as the library spells it, possibly with an index: {@code hidden[2]}. */
    private final String parameter;
    /** What is allowed and what was given: {@code must be >= 1, got 0}. */
    private final String detail;

    /**
     * @param parameter the library's parameter name, e.g. {@code batchSize} or {@code hidden[2]}
     * @param detail    what is allowed and what was given, e.g. {@code must be >= 1, got 0}
     */
    public InvalidParameterException(String parameter, String detail) {
        super(Objects.requireNonNull(parameter, "parameter") + " " + Objects.requireNonNull(detail, "detail"));
        this.parameter = parameter;
        this.detail = detail;
    }

    /**
     * @param parameter the library's parameter name
     * @param detail    what is allowed and what was given
     * @param cause     the underlying failure (a parse error, an I/O error)
     */
    public InvalidParameterException(String parameter, String detail, Throwable cause) {
        this(parameter, detail);
        initCause(cause);
    }

    /** The parameter name as the library spells it, possibly with an index ({@code hidden[2]}). */
    public String parameter() {
        return parameter;
    }

    /** The parameter name without an index ({@code hidden} for {@code hidden[2]}). */
    public String baseName() {
        int i = parameter.indexOf('[');
        return i < 0 ? parameter : parameter.substring(0, i);
    }

    /** What is allowed and what was given, without the parameter name. */
    public String detail() {
        return detail;
    }
}
