/**
 * The validation report as one self-contained HTML5 page: {@link dev.sobolev.reports.html.ReportRenderer} turns a
 * {@link dev.sobolev.reports.model.ValidationReport} into text, with plotly.js inlined from its WebJar, SVG plots
 * whose data sit in JSON blocks, escaped tables and a print stylesheet. Pure: no file, clock or network is touched
 * (the plotly.js bundle is read from the class path once).
 */
package dev.sobolev.reports.html;
