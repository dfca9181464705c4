package dev.sobolev.reports.metrics;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * How an R² reads as text, in the report and on the command line alike: 6 decimals, or 10 where 6 would round a
 * value below 1 up to 1.000000, so that a near-perfect fit still reads as less than perfect.
 */
public final class R2Text {
    private R2Text() {
    }

    /** The R² as text, e.g. {@code 0.999893} or {@code 0.9999999807}. */
    public static String of(double x) {
        return format().format(x);
    }

    /** A new format of this rule (a {@link NumberFormat} is not thread-safe), e.g. for a Tablesaw column. */
    public static NumberFormat format() {
        DecimalFormat six = new DecimalFormat("0.000000", DecimalFormatSymbols.getInstance(Locale.ROOT));
        DecimalFormat ten = new DecimalFormat("0.0000000000", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
                return (x < 1 && x >= 0.9999995 ? ten : six).format(x, to, pos);
            }

            @Override
            public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
                return six.format(x, to, pos);
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                return six.parse(source, pos);
            }
        };
    }
}
