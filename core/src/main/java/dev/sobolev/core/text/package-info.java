/**
 * Allocation-free text codecs for the hot loops of streaming jobs.
 *
 * <p>{@link dev.sobolev.core.text.ShortestDouble} writes a {@code double} as the shortest decimal that reads
 * back to the same value, in the layout of {@link java.lang.Double#toString(double)} of JDK 19 and later
 * (Giulietti's Schubfach algorithm), straight into a byte buffer.
 */
package dev.sobolev.core.text;
