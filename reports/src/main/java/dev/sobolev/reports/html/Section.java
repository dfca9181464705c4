package dev.sobolev.reports.html;

/**
 * One section of the report: an anchor, a heading (also its entry in the navigation) and its HTML body.
 *
 * @param id    the anchor, unique in the document
 * @param title the heading
 * @param body  the content, already escaped
 */
record Section(String id, String title, String body) {
    /** The section element. */
    String html() {
        return "<section id=\"" + Html.escape(id) + "\">\n<h2>" + Html.escape(title) + "</h2>\n" + body
                + "</section>\n";
    }
}
