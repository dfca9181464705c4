package dev.sobolev.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

import dev.sobolev.reports.metrics.R2Text;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How numbers read in the report, in one place: R² as {@link R2Text} writes it, errors and bounds as 4-decimal scientific
 * notation, other figures to 6 significant digits (scientific outside 1e-4..1e6); NaN (a figure that is not
 * available) as an em dash. Formats are made per call because {@link DecimalFormat} is not thread-safe.
 */
final class Formats {
    /** What a NaN figure reads as. */
    static final String MISSING = "—";

    private Formats() {
    }

    /** R² as 0.123456. */
    static String r2(double x) {
        return Double.isNaN(x) ? MISSING : r2Format().format(x);
    }

    /** An error, a standard error or a bound as 1.2345E-03. */
    static String error(double x) {
        return Double.isNaN(x) ? MISSING : errorFormat().format(x);
    }

    /** Any other figure (a price, a range, a coefficient) to 6 significant digits. */
    static String general(double x) {
        if (Double.isNaN(x)) {
            return MISSING;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e6)) {
            return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", x);
    }

    /** The Tablesaw formatter of {@link #r2}. */
    static NumberColumnFormatter r2Column() {
        return new NumberColumnFormatter(r2Format(), MISSING);
    }

    /** The Tablesaw formatter of {@link #error}. */
    static NumberColumnFormatter errorColumn() {
        return new NumberColumnFormatter(errorFormat(), MISSING);
    }

    /** The Tablesaw formatter of {@link #general}. */
    static NumberColumnFormatter generalColumn() {
        return new NumberColumnFormatter(new GeneralFormat(), MISSING);
    }

    private static NumberFormat r2Format() {
        return R2Text.format();
    }

    private static DecimalFormat errorFormat() {
        return new DecimalFormat("0.0000E00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** {@link #general} as a {@link NumberFormat}, for Tablesaw's column formatter; formatting only. */
    private static final class GeneralFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(general(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("report figures are formatted, never parsed");
        }
    }
}
