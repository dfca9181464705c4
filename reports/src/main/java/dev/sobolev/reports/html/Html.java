package dev.sobolev.reports.html;

import java.util.List;

import dev.sobolev.reports.model.Fact;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Text and tables as HTML, escaped in one place. Tables are Tablesaw's, written here rather than by Tablesaw:
 * tablesaw-core 0.44 has no HTML writer (its {@code HtmlWriter} lives in the separate tablesaw-html artifact, which
 * pulls in jsoup), and this writer is small: every header and cell goes through {@link #escape}, and numeric
 * columns are right-aligned and printed with their column's formatter ({@link Formats}).
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

    /** The table with a header row; cells are the columns' formatted strings, escaped. */
    static String table(Table table) {
        StringBuilder out = new StringBuilder(256 + 64 * table.rowCount() * table.columnCount());
        out.append("<div class=\"table\"><table>\n<thead><tr>");
        for (Column<?> c : table.columns()) {
            out.append(numeric(c) ? "<th class=\"num\">" : "<th>").append(escape(c.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            out.append("<tr>");
            for (Column<?> c : table.columns()) {
                out.append(numeric(c) ? "<td class=\"num\">" : "<td>").append(escape(c.getString(r))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody></table></div>\n").toString();
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
