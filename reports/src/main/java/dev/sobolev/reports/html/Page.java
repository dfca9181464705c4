package dev.sobolev.reports.html;

import java.util.List;

/**
 * The HTML document around a report's sections: head with the stylesheet and plotly.js inlined from its WebJar, a
 * header with the title and a summary line, the navigation, the sections, a footer and the script that draws every
 * plot. Shared by {@link ReportRenderer} and {@link ExperimentRenderer}.
 */
final class Page {
    private Page() {
    }

    /**
     * The document.
     *
     * @param title    the page title (text)
     * @param summary  the summary line (text)
     * @param sections the sections in order
     * @return the document, UTF-8 text starting with {@code <!DOCTYPE html>}
     */
    static String render(String title, String summary, List<Section> sections) {
        StringBuilder html = new StringBuilder(PlotlyBundle.script().length() + (1 << 20));
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(Stylesheet.CSS).append("</style>\n")
                .append("<script>\n").append(PlotlyBundle.script()).append("\n</script>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(Html.escape(title)).append("</h1>\n")
                .append("<p class=\"summary\">").append(Html.escape(summary)).append("</p>\n</header>\n")
                .append("<nav><ul>\n");
        for (Section s : sections) {
            html.append("<li><a href=\"#").append(Html.escape(s.id())).append("\">").append(Html.escape(s.title()))
                    .append("</a></li>\n");
        }
        html.append("</ul></nav>\n<main>\n");
        sections.forEach(s -> html.append(s.html()));
        html.append("</main>\n<footer>Plots drawn by plotly.js ").append(Html.escape(PlotlyBundle.version()))
                .append(" (MIT licence), inlined.</footer>\n")
                .append(Plots.newPlotScript())
                .append("</body>\n</html>\n");
        return html.toString();
    }
}
