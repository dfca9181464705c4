package dev.sobolev.reports.html;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.jsoup.nodes.Element;

import dev.sobolev.reports.model.Fact;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;
import tech.tablesaw.columns.Column;

/**
 * Text and tables as HTML, escaped in one place: text through {@link #escape}, tables by Tablesaw's
 * {@code HtmlWriter} (tablesaw-html, jsoup text nodes) with escaping on; numeric columns are right-aligned and
 * printed with their column's formatter ({@link Formats}).
 */
final class Html {
    private Html() {
    }

    /** The text with {@code & < > " '} as character references: safe in element content and quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A paragraph of escaped text. */
    static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>\n";
    }

    /** One line saying that a part of the report is not available, and why. */
    static String notAvailable(String what, String why) {
        return "<p class=\"na\">" + escape(what) + ": not available (" + escape(why) + ").</p>\n";
    }

    /** A sub-heading. */
    static String heading(String text) {
        return "<h3>" + escape(text) + "</h3>\n";
    }

    /**
     * The table with a header row, written by Tablesaw's {@link HtmlWriter} with text escaping on; cells are the
     * columns' formatted strings, numeric columns get the class {@code num} (right-aligned).
     */
    static String table(Table table) {
        StringWriter out = new StringWriter();
        HtmlWriteOptions.ElementCreator cells = (name, column, row) -> {
            Element e = new Element(name);
            if (column != null && numeric(column)) {
                e.addClass("num");
            }
            return e;
        };
        try {
            new HtmlWriter().write(table, HtmlWriteOptions.builder(out).escapeText(true).elementCreator(cells).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render table " + table.name(), e);
        }
        return "<div class=\"table\">" + out + "</div>\n";
    }

    /** Named figures as a two-column table ({@code name}, {@code value}), or nothing when there are none. */
    static String facts(List<Fact> facts) {
        if (facts.isEmpty()) {
            return "";
        }
        StringColumn names = StringColumn.create("name");
        StringColumn values = StringColumn.create("value");
        for (Fact f : facts) {
            names.append(f.name());
            values.append(f.value());
        }
        return table(Table.create("facts", names, values));
    }

    private static boolean numeric(Column<?> c) {
        ColumnType t = c.type();
        return t == ColumnType.DOUBLE || t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.FLOAT
                || t == ColumnType.SHORT;
    }
}
