package dev.sobolev.core.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.sobolev.core.io.Staging;

/**
 * Streams a dataset directory to disk in row blocks, with bounded memory, atomically.
 *
 * <p>Everything is written into a hidden staging directory {@code .<name>.partial-<random>} next to the
 * target; {@link #commit()} checks that every declared array received exactly its declared rows, flushes,
 * and renames the staging directory to the target in one atomic move. {@link #close()} without a successful
 * commit deletes the staging directory, so a failure leaves no partial output behind. The staging directory's
 * name carries the process id and is registered with {@link Staging}: SIGTERM or SIGINT removes it through a
 * shutdown hook, and the staging directory a killed JVM (SIGKILL) leaves is removed by the next writer to the
 * same target, which says so on standard error. Non-finite values are never written: a block holding one is rejected
 * whole and the writer can no longer commit.
 *
 * <p>Output is deterministic: the same declarations and data give byte-identical files. Each array buffers
 * at most 1 MiB. Instances are not thread-safe.
 *
 * <pre>{@code
 * try (DatasetWriter w = DatasetWriter.create(out, DatasetFormat.NPY)) {
 *     DatasetWriter.ArrayOutput x = w.array("X", n, d), y = w.array("Y", n);
 *     // for each block: x.write(xs, 0, rows); y.write(ys, 0, rows);
 *     w.writeMeta("", meta);
 *     w.commit();
 * }
 * }</pre>
 */
public final class DatasetWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;
    /**
     * Bytes of one file written since its last write-behind flush that start the next one. The kernel would keep
     * them dirty until the commit's fsync (its background write-back starts at a share of all memory), so that
     * fsync would write the whole data set while nothing else runs; flushing on a writer thread of its own as the
     * file grows puts the disk to work while the rows are generated, and the commit's fsync finds a tail left.
     */
    private static final long WRITE_BEHIND_BYTES = 32L << 20;
    private static final ObjectWriter META_WRITER = new ObjectMapper().writer(
            new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** Receives the rows of one declared array. */
    public interface ArrayOutput {
        /**
         * Appends rows. A row holds {@link #rowLength()} doubles (the product of the trailing dimensions), so
         * {@code rowCount * rowLength()} values are taken from {@code src} starting at {@code offset}.
         *
         * @param src      source values, row-major
         * @param offset   index of the first value in {@code src}
         * @param rowCount number of rows to append (non-negative)
         * @throws IllegalStateException     if a value is NaN or infinite (naming the stem and the row index; nothing
         *                                   of the block is written), if more rows than declared would be written,
         *                                   or if the writer is committed, closed or failed
         * @throws IndexOutOfBoundsException if {@code src} holds too few values from {@code offset}
         * @throws UncheckedIOException      if the file cannot be written
         */
        void write(double[] src, int offset, int rowCount);

        /**
         * Returns the stem as declared.
         *
         * @return the stem, e.g. {@code "test/dYdX"}
         */
        String stem();

        /**
         * Returns the number of doubles in one row.
         *
         * @return the product of the trailing dimensions (1 for a 1-D array)
         */
        int rowLength();

        /**
         * Returns the number of rows declared.
         *
         * @return the declared rows
         */
        long declaredRows();

        /**
         * Returns the number of rows written so far.
         *
         * @return the rows written
         */
        long rowsWritten();
    }

    private enum State { OPEN, COMMITTED, CLOSED }

    private final Path target;
    private final Path absTarget;
    private final Path staging;
    /** The staging directory's registration: the shutdown hook deletes it unless it is committed first. */
    private final Staging.Entry stagingEntry;
    private final DatasetFormat format;
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final Set<String> metaDirs = new HashSet<>();
    private State state = State.OPEN;
    private String failure;
    /** Flushes the files to the device while they are written (see {@link #WRITE_BEHIND_BYTES}); lazily started. */
    private ExecutorService writeBehind;

    private DatasetWriter(Path target, Path absTarget, Staging.Entry staging, DatasetFormat format) {
        this.target = target;
        this.absTarget = absTarget;
        this.stagingEntry = staging;
        this.staging = staging.path();
        this.format = format;
    }

    /**
     * Starts writing a dataset directory.
     *
     * @param target the output directory; must not exist, or be an empty directory
     * @param format file format of the arrays
     * @return a writer staging into a hidden sibling of {@code target}
     * @throws IllegalArgumentException if {@code target} is a file or a non-empty directory, or its parent cannot
     *                                  be created or written (the message names the path and the reason)
     */
    public static DatasetWriter create(Path target, DatasetFormat format) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("output directory " + target + " cannot be a file-system root");
        }
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new IllegalArgumentException("output directory " + target
                        + " already exists and is not a directory; choose a new directory or remove it");
            }
            if (!isEmptyDirectory(abs)) {
                throw new IllegalArgumentException("output directory " + target
                        + " already exists and is not empty; choose a new directory or remove it");
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the parent directory " + parent + " of output directory "
                    + target + ": " + reason(e), e);
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException("cannot write output directory " + target + ": its parent " + parent
                    + " is not writable");
        }
        Staging.sweepAndReport(abs);
        for (int attempt = 0; ; attempt++) {
            Path staging = parent.resolve(Staging.directoryName(abs.getFileName().toString()));
            try {
                Files.createDirectory(staging);
                return new DatasetWriter(target, abs, Staging.register(staging), format);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new IllegalArgumentException("cannot create a staging directory in " + parent, e);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create a staging directory in " + parent + " for output "
                        + "directory " + target + ": " + reason(e), e);
            }
        }
    }

    /**
     * Writes a whole in-memory data set (Y and dYdX as 1-D/2-D arrays when it has a single output).
     *
     * @param target the output directory (see {@link #create(Path, DatasetFormat)})
     * @param format file format
     * @param data   the data set, its metadata going to {@code meta.json}
     * @return {@code target}
     */
    public static Path write(Path target, DatasetFormat format, Dataset data) {
        Objects.requireNonNull(data, "data");
        try (DatasetWriter w = create(target, format)) {
            w.writeInto("", data);
            return w.commit();
        }
    }

    /**
     * Writes a whole in-memory data set into a directory of this writer (all rows at once).
     *
     * @param relativeDir {@code ""} for the top directory or a subdirectory name such as {@code "test"}
     * @param data        the data set
     */
    public void writeInto(String relativeDir, Dataset data) {
        String p = relativeDir.isEmpty() ? "" : checkDir(relativeDir) + "/";
        int n = data.rows();
        int d = data.inputDim();
        int m = data.outputs();
        array(p + "X", n, d).write(data.rawX(), 0, n);
        if (m == 1) {
            array(p + "Y", n).write(data.rawY(), 0, n);
        } else {
            array(p + "Y", n, m).write(data.rawY(), 0, n);
        }
        if (data.hasGradients()) {
            (m == 1 ? array(p + "dYdX", n, d) : array(p + "dYdX", n, m, d)).write(data.rawDydx(), 0, n);
        }
        if (data.hasGamma()) {
            array(p + "gamma", n).write(data.rawGamma(), 0, n);
        }
        if (data.hasHessian()) {
            array(p + "hessian", n, d, d).write(data.rawHessian(), 0, n);
        }
        if (data.hasSecondOrder()) {
            int k = data.directionCount();
            array(p + "directions", k, d).write(data.rawDirections(), 0, k);
            array(p + "hv", n, k, d).write(data.rawHv(), 0, n);
        }
        if (data.meta().isPresent()) {
            writeMeta(relativeDir, data.meta().get());
        }
    }

    /**
     * Returns the target directory as given to {@link #create(Path, DatasetFormat)}.
     *
     * @return the target
     */
    public Path target() {
        return target;
    }

    /**
     * Returns the file format.
     *
     * @return the format
     */
    public DatasetFormat format() {
        return format;
    }

    /**
     * Declares an array file and opens it. For NPY the header with the full shape is written at once; for CSV a
     * header row of column names ({@code x1..xd}, {@code y}, {@code y1..ym}, {@code dydx1_1..}, {@code gamma},
     * {@code h1_1..}, {@code dir1..}, {@code hv1_1..}).
     *
     * @param relativeStem  stem such as {@code "X"} or {@code "test/dYdX"} (at most one subdirectory, no suffix)
     * @param rows          number of rows to be written (first dimension)
     * @param trailingDims  remaining dimensions (none for a 1-D array)
     * @return the output receiving the rows
     * @throws IllegalArgumentException if the stem is invalid or already declared, or a dimension is negative
     * @throws IllegalStateException    if the writer is committed, closed or failed
     */
    public ArrayOutput array(String relativeStem, long rows, int... trailingDims) {
        ensureOpen();
        String stem = checkStem(relativeStem);
        if (outputs.containsKey(stem)) {
            throw new IllegalArgumentException("array " + stem + " is already declared");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("array " + stem + ": negative row count " + rows);
        }
        long rowLength = 1;
        long[] shape = new long[trailingDims.length + 1];
        shape[0] = rows;
        for (int i = 0; i < trailingDims.length; i++) {
            if (trailingDims[i] < 0) {
                throw new IllegalArgumentException("array " + stem + ": negative dimension " + trailingDims[i]);
            }
            rowLength *= trailingDims[i];
            shape[i + 1] = trailingDims[i];
        }
        if (rowLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array " + stem + ": rows of " + rowLength + " values are too long");
        }
        Path file = staging.resolve(format.fileName(stem));
        Output out;
        try {
            createInStaging(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            out = new Output(stem, rows, trailingDims.clone(), (int) rowLength, ch);
            outputs.put(stem, out);
            byte[] head = format == DatasetFormat.NPY ? Npy.header(shape)
                    : Csv.headerLine(baseName(stem), trailingDims).getBytes(StandardCharsets.US_ASCII);
            out.putBytes(head);
        } catch (IOException e) {
            throw fail(new UncheckedIOException("cannot create " + format.fileName(stem) + " for output directory "
                    + target + ": " + reason(e), e));
        }
        return out;
    }

    /**
     * Writes {@code meta.json}, pretty-printed with two-space indents and {@code '\n'} line ends, fields in the
     * node's order: the same node always gives the same bytes.
     *
     * @param relativeDir {@code ""} for the top directory, or a subdirectory name such as {@code "test"}
     * @param meta        a JSON object
     * @throws IllegalArgumentException if {@code meta} is not an object, the directory name is invalid, or
     *                                  metadata for that directory was already written
     * @throws IllegalStateException    if the writer is committed, closed or failed
     */
    public void writeMeta(String relativeDir, JsonNode meta) {
        ensureOpen();
        Objects.requireNonNull(relativeDir, "relativeDir");
        Objects.requireNonNull(meta, "meta");
        String dir = relativeDir.isEmpty() ? "" : checkDir(relativeDir);
        if (!meta.isObject()) {
            throw new IllegalArgumentException("meta.json must hold a JSON object, got " + meta.getNodeType());
        }
        if (!metaDirs.add(dir)) {
            throw new IllegalArgumentException("meta.json for " + (dir.isEmpty() ? "the top directory" : dir + "/")
                    + " is already written");
        }
        try {
            byte[] bytes = (META_WRITER.writeValueAsString(meta) + "\n").getBytes(StandardCharsets.UTF_8);
            Path d = dir.isEmpty() ? staging : staging.resolve(dir);
            createInStaging(d);
            Files.write(d.resolve("meta.json"), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize meta.json: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw fail(new UncheckedIOException("cannot write meta.json for output directory " + target + ": "
                    + reason(e), e));
        }
    }

    /**
     * Finishes the data set: checks every declared array received exactly its declared rows, flushes and closes
     * the files, then atomically renames the staging directory to the target (an empty target directory is
     * removed first).
     *
     * @return the target directory as given to {@link #create(Path, DatasetFormat)}
     * @throws IllegalStateException if an array has fewer rows than declared (naming the stem, rows written and
     *                               declared), an earlier write failed, the target appeared meanwhile, or the
     *                               writer is already committed or closed
     * @throws UncheckedIOException  if flushing or the rename fails
     */
    public Path commit() {
        ensureOpen();
        for (Output o : outputs.values()) {
            if (o.written != o.declared) {
                throw new IllegalStateException("cannot commit " + target + ": " + o.stem + " has " + o.written
                        + " rows written but " + o.declared + " declared");
            }
        }
        try {
            for (Output o : outputs.values()) {
                o.finish();
            }
            stopWriteBehind();
            if (Files.exists(absTarget)) {
                if (!Files.isDirectory(absTarget) || !isEmptyDirectory(absTarget)) {
                    throw new IllegalStateException("cannot commit: output directory " + target
                            + " appeared while writing and is not empty; choose a new directory or remove it");
                }
                Files.delete(absTarget);
            }
            stagingEntry.commit(() -> Files.move(staging, absTarget, StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            throw fail(new UncheckedIOException("cannot commit output directory " + target + ": " + reason(e), e));
        }
        state = State.COMMITTED;
        return target;
    }

    /**
     * Closes the writer. Unless {@link #commit()} succeeded, closes all files and deletes the staging directory
     * recursively, leaving nothing behind. Idempotent.
     *
     * @throws UncheckedIOException if the staging directory cannot be deleted
     */
    @Override
    public void close() {
        if (state != State.OPEN) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        stopWriteBehind();
        for (Output o : outputs.values()) {
            o.closeQuietly();
        }
        try {
            stagingEntry.discard();
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot delete staging directory " + staging + ": "
                    + reason(e.getCause()), e.getCause());
        }
    }

    /**
     * Creates a subdirectory of the staging directory if it is missing, one level only: once the shutdown hook
     * has deleted the staging directory, nothing can recreate it.
     */
    private void createInStaging(Path dir) throws IOException {
        if (!dir.equals(staging) && !Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
    }

    /** Starts a flush of the channel to the device on the write-behind thread. */
    private Future<?> flushBehind(FileChannel channel) {
        if (writeBehind == null) {
            writeBehind = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sobolev-write-behind");
                t.setDaemon(true);
                return t;
            });
        }
        return writeBehind.submit(() -> {
            channel.force(false);
            return null;
        });
    }

    private void stopWriteBehind() {
        if (writeBehind != null) {
            writeBehind.shutdownNow();
            writeBehind = null;
        }
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("dataset writer for " + target + " is already "
                    + (state == State.COMMITTED ? "committed" : "closed"));
        }
        if (failure != null) {
            throw new IllegalStateException("dataset writer for " + target + " failed earlier (" + failure
                    + "); close it, nothing will be committed");
        }
    }

    private <E extends RuntimeException> E fail(E e) {
        if (failure == null) {
            failure = e.getMessage();
        }
        return e;
    }

    private static String checkStem(String stem) {
        Objects.requireNonNull(stem, "relativeStem");
        String[] parts = stem.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("invalid array stem '" + stem + "': at most one subdirectory allowed");
        }
        for (String p : parts) {
            checkName(p, "array stem '" + stem + "'");
        }
        return stem;
    }

    private static String checkDir(String dir) {
        checkName(dir, "subdirectory '" + dir + "'");
        return dir;
    }

    private static void checkName(String p, String what) {
        if (p.isEmpty() || p.equals(".") || p.equals("..") || p.indexOf('\\') >= 0 || p.indexOf('/') >= 0
                || p.indexOf(':') >= 0 || p.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }

    private static String baseName(String stem) {
        int slash = stem.indexOf('/');
        return slash < 0 ? stem : stem.substring(slash + 1);
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list output directory " + dir + ": " + reason(e), e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + e.getMessage() + ")";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One array file being written. */
    private final class Output implements ArrayOutput {
        final String stem;
        final long declared;
        final int[] trailing;
        final int rowLength;
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        final StringBuilder text = new StringBuilder();
        long written;
        /** Bytes handed to the channel since the last write-behind flush started. */
        long unflushed;
        /** The write-behind flush under way, or null. */
        Future<?> behind;

        Output(String stem, long declared, int[] trailing, int rowLength, FileChannel channel) {
            this.stem = stem;
            this.declared = declared;
            this.trailing = trailing;
            this.rowLength = rowLength;
            this.channel = channel;
        }

        @Override
        public String stem() {
            return stem;
        }

        @Override
        public int rowLength() {
            return rowLength;
        }

        @Override
        public long declaredRows() {
            return declared;
        }

        @Override
        public long rowsWritten() {
            return written;
        }

        @Override
        public void write(double[] src, int offset, int rowCount) {
            ensureOpen();
            Objects.requireNonNull(src, "src");
            if (rowCount < 0) {
                throw new IllegalArgumentException(stem + ": negative rowCount " + rowCount);
            }
            long len = (long) rowCount * rowLength;
            if (offset < 0 || offset > src.length || len > src.length - offset) {
                throw new IndexOutOfBoundsException(stem + ": " + rowCount + " rows of " + rowLength + " values from "
                        + "offset " + offset + " do not fit in an array of " + src.length);
            }
            if (written + rowCount > declared) {
                throw fail(new IllegalStateException(stem + ": cannot write " + rowCount + " more rows; " + written
                        + " of " + declared + " declared rows are already written"));
            }
            int end = offset + (int) len;
            for (int i = offset; i < end; i++) {
                if (!Double.isFinite(src[i])) {
                    throw fail(new IllegalStateException(nonFiniteMessage(src[i], i - offset)));
                }
            }
            try {
                if (format == DatasetFormat.NPY) {
                    for (int i = offset; i < end; i++) {
                        if (buffer.remaining() < Double.BYTES) {
                            flush();
                        }
                        buffer.putDouble(src[i]);
                    }
                } else {
                    for (int r = 0; r < rowCount; r++) {
                        StringBuilder sb = text;
                        sb.setLength(0);
                        int base = offset + r * rowLength;
                        for (int j = 0; j < rowLength; j++) {
                            if (j > 0) {
                                sb.append(',');
                            }
                            sb.append(src[base + j]);
                        }
                        sb.append('\n');
                        putText(sb);
                    }
                }
            } catch (IOException e) {
                throw fail(new UncheckedIOException("cannot write " + format.fileName(stem) + " for output directory "
                        + target + ": " + reason(e), e));
            }
            written += rowCount;
        }

        private String nonFiniteMessage(double v, int indexInBlock) {
            long row = written + indexInBlock / Math.max(1, rowLength);
            int col = rowLength == 0 ? 0 : indexInBlock % rowLength;
            StringBuilder where = new StringBuilder();
            if (trailing.length > 0) {
                int[] idx = new int[trailing.length];
                int rem = col;
                for (int a = trailing.length - 1; a >= 0; a--) {
                    idx[a] = trailing[a] == 0 ? 0 : rem % trailing[a];
                    rem = trailing[a] == 0 ? 0 : rem / trailing[a];
                }
                where.append(" element [");
                for (int a = 0; a < idx.length; a++) {
                    where.append(a > 0 ? ", " : "").append(idx[a]);
                }
                where.append(']');
            }
            return stem + ": row index " + row + where + " is " + v + "; non-finite values are never written";
        }

        private void putText(CharSequence s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                buffer.put((byte) s.charAt(i));
            }
        }

        void putBytes(byte[] bytes) throws IOException {
            int i = 0;
            while (i < bytes.length) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                int k = Math.min(buffer.remaining(), bytes.length - i);
                buffer.put(bytes, i, k);
                i += k;
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            unflushed += buffer.remaining();
            Npy.writeFully(channel, buffer);
            buffer.clear();
            if (unflushed >= WRITE_BEHIND_BYTES && (behind == null || behind.isDone())) {
                awaitBehind();
                behind = flushBehind(channel);
                unflushed = 0;
            }
        }

        /** Waits for the write-behind flush under way, if any, and reports its failure. */
        private void awaitBehind() throws IOException {
            if (behind == null) {
                return;
            }
            try {
                behind.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while flushing " + stem);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                behind = null;
            }
        }

        void finish() throws IOException {
            flush();
            awaitBehind();
            channel.force(true);
            channel.close();
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // the staging directory is deleted next; nothing to report
            }
        }
    }
}
