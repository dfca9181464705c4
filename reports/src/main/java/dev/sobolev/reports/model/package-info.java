/**
 * What a validation report shows, as immutable values: the typed input of the pure HTML renderer
 * ({@code dev.sobolev.reports.html}) and the output of the jobs that assemble it (the pipeline and the
 * {@code report} job). Lists are copied on construction; NaN marks a figure that is not available.
 */
package dev.sobolev.reports.model;
