package dev.sobolev.core;

import java.util.Locale;

/** Text quoted from a file into a message, made safe to print on one line. */
public final class Printable {
    private Printable() {
    }

    /**
     * Escapes control and non-ASCII characters ({@code \x0a}, {@code \u2028}) and cuts the text to {@code max}
     * characters followed by {@code ...}, so that a message quoting a corrupt file stays one readable line.
     *
     * @param s   the text
     * @param max the most characters of {@code s} to keep
     * @return the printable text
     */
    public static String of(String s, int max) {
        int keep = Math.min(s.length(), max);
        StringBuilder sb = new StringBuilder(keep + 8);
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else if (c < 0x100) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return keep < s.length() ? sb.append("...").toString() : sb.toString();
    }

    /**
     * Replaces line breaks and other control characters by blanks, keeping everything else (paths, non-ASCII
     * names) as it is, so that a message built from another library's message stays one line.
     *
     * @param s the text
     * @return the text on one line
     */
    public static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }
}
