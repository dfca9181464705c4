/**
 * On-disk format of LSMC data sets: streaming, atomic writers and validating readers.
 *
 * <p>A dataset directory holds an optional {@code meta.json} plus one file per array, all in one
 * {@linkplain DatasetFormat format}: NumPy {@code .npy} (format v1.0, little-endian float64, C order)
 * or comma-separated {@code .csv} (one row per sample, rank-3 arrays flattened row-major per sample,
 * optional header row). The stems are
 * <ul>
 *   <li>{@code X} (n&times;d inputs, required),</li>
 *   <li>{@code Y} (n or n&times;m labels, required),</li>
 *   <li>{@code dYdX} (n&times;d or n&times;m&times;d pathwise gradients, optional on input),</li>
 *   <li>{@code gamma} (n), {@code hessian} (n&times;d&times;d) (optional),</li>
 *   <li>{@code directions} (k&times;d) together with {@code hv} (n&times;k&times;d) second-order labels
 *       (optional, both or neither).</li>
 * </ul>
 * A test set is a dataset directory too, conventionally the subdirectory {@code test/}.
 *
 * <p>Entry points: {@link dev.sobolev.core.dataset.DatasetWriter} (streams row blocks to a hidden
 * staging directory and renames it into place on commit), {@link dev.sobolev.core.dataset.DatasetReader}
 * (loads and validates a directory into an immutable {@link dev.sobolev.core.dataset.Dataset}) and
 * {@link dev.sobolev.core.dataset.Npy} (the {@code .npy} codec).
 */
package dev.sobolev.core.dataset;
