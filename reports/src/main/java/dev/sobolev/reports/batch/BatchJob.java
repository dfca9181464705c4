package dev.sobolev.reports.batch;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sobolev.core.InvalidParameterException;
import dev.sobolev.core.io.AtomicFiles;
import dev.sobolev.core.io.OutputGuard;

/**
 * Batch revaluation (DESIGN.md "Batch revaluation"): a {@link Book} priced under every scenario line of a CSV
 * file. The input streams in chunks of {@link BatchRequest#chunkRows()} lines, each cut into slices of
 * {@link BatchRequest#SLICE_ROWS}; worker threads run the {@link SliceKernel} on the slices of the next two chunks
 * while this thread writes and commits one and reads another (three chunk buffers in turn), and the slices' bytes
 * are written in order, so the output does not depend on the thread count.
 *
 * <p><b>Files.</b> For an output {@code <out>} the run writes {@code <out>.partial} and
 * {@code <out>.rejects.csv.partial}; after each chunk both are forced to the device and the journal
 * {@code <out>.journal} (the request's fingerprint, the input offset and line, the files' lengths, the counts) is
 * replaced atomically. At the end the partial files are renamed to {@code <out>} and {@code <out>.rejects.csv}
 * and the journal is deleted. The values, P&amp;L and (with compare-exact) errors of the priced rows go, in row
 * order, to a {@link RiskAccumulator} whose spill {@code <out>.spill} is flushed and whose state is checkpointed
 * into the journal with each chunk; its {@link RiskSummary} is written as {@code <out>.summary.csv}. With {@code resume} a run truncates the partial files to the journal's lengths and
 * reads on from its offset, so a run killed at any point and resumed writes the bytes of one that was not; without
 * {@code resume} a journal is refused, so an interrupted run is never overwritten silently.
 */
public final class BatchJob {
    private static final String JOURNAL_FORMAT = "sobolev-batch-journal";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first size of a chunk's input buffer; it doubles while a chunk's lines do not fit. */
    private static final int INITIAL_BUFFER = 1 << 20;
    /**
     * The most read at once: a chunk reads little beyond its last line, so the bytes carried to the next chunk
     * stay small.
     */
    private static final int READ_BYTES = 1 << 18;

    private BatchJob() {
    }

    /**
     * Runs a batch.
     *
     * @param request  the settings
     * @param listener receives progress
     * @return rows priced and rejected, timings and the files written
     * @throws InvalidParameterException naming the request's parameter: an unreadable model, portfolio or input,
     *                                   a header without a book input's column, a direction or base of the wrong
     *                                   length, a base row that is missing or bad, an output that exists (without
     *                                   {@code force}) or is an input, a journal without {@code resume}, a journal
     *                                   of other settings
     * @throws TooManyRejectsException   if more rows than {@code maxRejects} were rejected (the journal is kept)
     * @throws UncheckedIOException      if a file cannot be written
     */
    public static BatchResult run(BatchRequest request, BatchListener listener) {
        long t0 = System.nanoTime();
        warmTables();
        Plan plan = Plan.of(request);
        RunFiles files = RunFiles.of(request);
        String fingerprint = fingerprint(plan);
        try {
            return new Run(plan, files, fingerprint, listener, t0).run();
        } catch (IOException e) {
            throw new UncheckedIOException("batch: " + e.getMessage(), e);
        }
    }

    /**
     * Starts Tablesaw's class initialisation (about a second: it scans the class path) on a daemon thread, so that
     * the summary table at the end of the run does not wait for it.
     */
    private static void warmTables() {
        Thread t = new Thread(() -> tech.tablesaw.api.Table.create("warm-up"), "batch-tablesaw-init");
        t.setDaemon(true);
        t.start();
    }

    /** The files of a run beside the output. */
    record RunFiles(Path out, Path partial, Path rejects, Path rejectsPartial, Path summary, Path journal,
            Path spill) {
        static RunFiles of(BatchRequest r) {
            Path out = r.out().toAbsolutePath();
            if (out.getFileName() == null) {
                throw new InvalidParameterException("out", r.out() + " is not a file path");
            }
            String name = out.getFileName().toString();
            Path rejects = out.resolveSibling(name + ".rejects.csv");
            return new RunFiles(out, out.resolveSibling(name + ".partial"), rejects,
                    rejects.resolveSibling(rejects.getFileName() + ".partial"),
                    out.resolveSibling(name + ".summary.csv"), out.resolveSibling(name + ".journal"),
                    out.resolveSibling(name + ".spill"));
        }
    }

    /** The request's identity for the journal: everything that changes the bytes written, not threads or chunks. */
    private static String fingerprint(Plan plan) {
        BatchRequest r = plan.request();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder b = new StringBuilder("sobolev-batch 1\n");
            Path in = r.in().toAbsolutePath();
            b.append(in).append('\n').append(Files.size(in)).append('\n')
                    .append(Files.getLastModifiedTime(in).toMillis()).append('\n');
            for (Book.Position p : plan.book().positions()) {
                b.append(p.id()).append(',').append(Double.doubleToLongBits(p.quantity())).append(',')
                        .append(HexFormat.of().formatHex(md.digest(Files.readAllBytes(p.model())))).append('\n');
            }
            b.append(r.columns()).append('\n').append(r.gamma()).append(Arrays.toString(r.direction())).append('\n')
                    .append(r.baseRow()).append(Arrays.toString(r.baseValues())).append('\n').append(r.domain())
                    .append(r.compareExact()).append(r.perPosition()).append('\n');
            return HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new InvalidParameterException("in", r.in() + " cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chunk of whole lines and the results of its slices. */
    private static final class Chunk {
        byte[] buf = new byte[INITIAL_BUFFER];
        /** Bytes held: [0, end) are the chunk's lines, [end, len) the start of the next chunk. */
        int len;
        int end;
        long firstLine;
        /** Lines in [0, end). */
        long lines;
        /** Input offset after the chunk. */
        long offsetAfter;
        int slices;
        int[] sliceStart = new int[16];
        int[] sliceEnd = new int[16];
        long[] sliceLine = new long[16];
        SliceOutput[] outs = new SliceOutput[0];
        List<Future<?>> futures = new ArrayList<>();

        void addSlice(int from, int to, long line) {
            if (slices == sliceStart.length) {
                sliceStart = Arrays.copyOf(sliceStart, slices * 2);
                sliceEnd = Arrays.copyOf(sliceEnd, slices * 2);
                sliceLine = Arrays.copyOf(sliceLine, slices * 2);
            }
            if (slices == outs.length) {
                outs = Arrays.copyOf(outs, slices + 1);
                outs[slices] = new SliceOutput();
            }
            sliceStart[slices] = from;
            sliceEnd[slices] = to;
            sliceLine[slices] = line;
            slices++;
        }
    }

    /** One run's state: files, counts, the worker pool. */
    private static final class Run {
        private final Plan plan;
        private final BatchRequest request;
        private final RunFiles files;
        private final String fingerprint;
        private final BatchListener listener;
        private final long t0;
        private final SliceKernel kernel;
        private final ThreadLocal<SliceKernel.Workspace> workspaces;
        private FileChannel input;
        private FileChannel output;
        private FileChannel rejects;
        private RiskAccumulator risk;
        private final double[] rowDeltas;
        private final double[] rowExact;
        private boolean eof;
        private long offset;
        private long line;
        private long rows;
        private long rejected;
        private long outside;
        private double priorSeconds;

        Run(Plan plan, RunFiles files, String fingerprint, BatchListener listener, long t0) {
            this.plan = plan;
            this.request = plan.request();
            this.files = files;
            this.fingerprint = fingerprint;
            this.listener = listener;
            this.t0 = t0;
            kernel = new SliceKernel(plan);
            workspaces = ThreadLocal.withInitial(kernel::newWorkspace);
            rowDeltas = new double[plan.book().dimension()];
            rowExact = new double[plan.book().dimension()];
        }

        BatchResult run() throws IOException {
            open();
            ExecutorService pool = Executors.newFixedThreadPool(request.threads(), r -> {
                Thread t = new Thread(r, "batch-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                listener.started(input.size(), offset);
                Chunk[] ring = {new Chunk(), new Chunk(), new Chunk()};
                read(ring[0], null);
                submit(ring[0], pool);
                read(ring[1], ring[0]);
                submit(ring[1], pool);
                for (int i = 0; ring[i].slices > 0; i = (i + 1) % ring.length) {
                    await(ring[i]);
                    write(ring[i]);
                    Chunk free = ring[(i + 2) % ring.length];
                    read(free, ring[(i + 1) % ring.length]);
                    submit(free, pool);
                }
            } catch (RuntimeException | IOException | Error e) {
                risk.close();
                throw e;
            } finally {
                pool.shutdownNow();
                input.close();
                output.close();
                rejects.close();
            }
            double seconds = priorSeconds + (System.nanoTime() - t0) / 1e9;
            RiskSummary summary = risk.finish(rows, rejected, seconds);
            StringWriter csv = new StringWriter();
            summary.table().write().csv(csv);
            AtomicFiles.writeString(files.summary(), csv.toString());
            move(files.rejectsPartial(), files.rejects());
            move(files.partial(), files.out());
            Files.deleteIfExists(files.journal());
            Files.deleteIfExists(files.spill());
            return new BatchResult(rows, rejected, outside, seconds, files.out(), files.rejects(), files.summary(),
                    summary);
        }

        private static void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        /** Opens the files: fresh, or truncated to the journal when resuming. */
        private void open() throws IOException {
            List<OutputGuard.Input> inputs = new ArrayList<>();
            inputs.add(new OutputGuard.Input("scenarios", request.in()));
            if (request.portfolio() != null) {
                inputs.add(new OutputGuard.Input("portfolio", request.portfolio()));
            }
            plan.book().positions().forEach(p -> inputs.add(new OutputGuard.Input("model", p.model())));
            boolean journal = Files.exists(files.journal());
            if (journal && !request.resume()) {
                throw new InvalidParameterException("resume", "is needed: " + files.journal() + " shows an "
                        + "interrupted run into " + files.out() + "; continue it with resume, or delete the journal "
                        + "to start again");
            }
            for (Path p : List.of(files.out(), files.rejects(), files.partial(), files.rejectsPartial(),
                    files.summary(), files.journal(), files.spill())) {
                OutputGuard.checkFile("out", p, true, inputs);
            }
            if (!journal) {
                OutputGuard.checkFile("out", files.out(), request.force(), inputs);
                OutputGuard.checkFile("out", files.rejects(), request.force(), inputs);
                OutputGuard.checkFile("out", files.summary(), request.force(), inputs);
            }
            input = FileChannel.open(request.in(), StandardOpenOption.READ);
            if (journal) {
                resume();
                return;
            }
            try {
                Files.createDirectories(files.out().getParent());
                output = FileChannel.open(files.partial(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                input.close();
                String why = e instanceof NoSuchFileException ? "no such file or directory"
                        : e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
                throw new InvalidParameterException("out", files.out() + " cannot be written: " + why, e);
            }
            rejects = FileChannel.open(files.rejectsPartial(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            byte[] h = plan.outputHeader();
            writeAll(output, h, h.length);
            writeAll(output, new byte[] {'\n'}, 1);
            byte[] rh = "line,reason,raw\n".getBytes(StandardCharsets.US_ASCII);
            writeAll(rejects, rh, rh.length);
            offset = plan.dataOffset();
            line = 2;
            risk = RiskAccumulator.create(files.spill(), plan.base() != null, plan.book().dimension());
            commit();
        }

        private void resume() throws IOException {
            JsonNode j;
            try {
                j = JSON.readTree(files.journal().toFile());
            } catch (IOException e) {
                throw new InvalidParameterException("resume", "cannot read the journal " + files.journal() + ": "
                        + e.getMessage() + "; delete it to start again", e);
            }
            if (j == null || !JOURNAL_FORMAT.equals(j.path("format").asText())) {
                throw new InvalidParameterException("resume", files.journal() + " is not a batch journal; delete it "
                        + "to start again");
            }
            if (!fingerprint.equals(j.path("fingerprint").asText())) {
                throw new InvalidParameterException("resume", "the journal " + files.journal() + " was written for "
                        + "other settings or another input; run with the same settings, or delete the journal to "
                        + "start again");
            }
            long outLength = j.path("outputLength").asLong();
            long rejectsLength = j.path("rejectsLength").asLong();
            unpublish(files.partial(), files.out(), outLength);
            unpublish(files.rejectsPartial(), files.rejects(), rejectsLength);
            if (!Files.exists(files.partial()) || Files.size(files.partial()) < outLength
                    || !Files.exists(files.rejectsPartial()) || Files.size(files.rejectsPartial()) < rejectsLength) {
                throw new InvalidParameterException("resume", files.partial() + " or " + files.rejectsPartial()
                        + " is shorter than the journal " + files.journal() + " records; delete the journal to start "
                        + "again");
            }
            output = FileChannel.open(files.partial(), StandardOpenOption.WRITE);
            output.truncate(outLength);
            output.position(outLength);
            rejects = FileChannel.open(files.rejectsPartial(), StandardOpenOption.WRITE);
            rejects.truncate(rejectsLength);
            rejects.position(rejectsLength);
            offset = j.path("offset").asLong();
            line = j.path("line").asLong();
            rows = j.path("rows").asLong();
            rejected = j.path("rejected").asLong();
            outside = j.path("outside").asLong();
            priorSeconds = j.path("seconds").asDouble();
            try {
                risk = RiskAccumulator.restore(files.spill(), j.path("risk"));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("resume", "the risk state of the journal " + files.journal()
                        + " does not fit " + files.spill() + " (" + e.getMessage() + "); delete the journal to start "
                        + "again", e);
            }
        }

        /**
         * A run killed after renaming a finished file but before deleting its journal: the file goes back to its
         * partial name (it has the journal's length), and the run finishes again.
         */
        private static void unpublish(Path partial, Path published, long length) throws IOException {
            if (!Files.exists(partial) && Files.exists(published) && Files.size(published) == length) {
                move(published, partial);
            }
        }

        /**
         * Reads the next chunk: the bytes {@code prev} holds beyond its lines, then more of the input, until the
         * chunk has its rows or the input ends; cuts it into slices.
         */
        private void read(Chunk c, Chunk prev) throws IOException {
            c.len = 0;
            c.slices = 0;
            if (prev != null) {
                int carry = prev.len - prev.end;
                if (c.buf.length < Math.max(carry, prev.buf.length)) {
                    c.buf = new byte[Math.max(carry, prev.buf.length)];
                }
                System.arraycopy(prev.buf, prev.end, c.buf, 0, carry);
                c.len = carry;
                c.firstLine = prev.firstLine + prev.lines;
                c.offsetAfter = prev.offsetAfter;
            } else {
                input.position(offset);
                c.firstLine = line;
                c.offsetAfter = offset;
            }
            long start = c.offsetAfter;
            int rowsWanted = request.chunkRows();
            int lines = 0;
            int sliceFrom = 0;
            int sliceLines = 0;
            int p = 0;
            while (true) {
                byte[] buf = c.buf;
                int len = c.len;
                while (p < len && lines < rowsWanted) {
                    if (buf[p++] == '\n') {
                        lines++;
                        if (++sliceLines == BatchRequest.SLICE_ROWS || lines == rowsWanted) {
                            c.addSlice(sliceFrom, p, c.firstLine + lines - sliceLines);
                            sliceFrom = p;
                            sliceLines = 0;
                        }
                    }
                }
                if (lines == rowsWanted || eof) {
                    break;
                }
                if (c.len == c.buf.length) {
                    c.buf = Arrays.copyOf(c.buf, c.buf.length * 2);
                }
                int got = input.read(ByteBuffer.wrap(c.buf, c.len, Math.min(c.buf.length - c.len, READ_BYTES)));
                if (got < 0) {
                    eof = true;
                } else {
                    c.len += got;
                }
            }
            if (eof && lines < request.chunkRows() && sliceFrom < c.len) {
                c.addSlice(sliceFrom, c.len, c.firstLine + lines - sliceLines);
                lines += c.buf[c.len - 1] == '\n' ? 0 : 1;
                p = c.len;
            }
            c.lines = lines;
            c.end = p;
            c.offsetAfter = start + c.end;
        }

        private void submit(Chunk c, ExecutorService pool) {
            c.futures.clear();
            for (int i = 0; i < c.slices; i++) {
                final int s = i;
                c.futures.add(pool.submit(() -> kernel.run(c.buf, c.sliceStart[s], c.sliceEnd[s], c.sliceLine[s],
                        workspaces.get(), c.outs[s])));
            }
        }

        private static void await(Chunk c) {
            for (Future<?> f : c.futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("batch interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }

        /** Writes a chunk's slices in order and commits it; stops the run past the reject limit. */
        private void write(Chunk c) throws IOException {
            for (int i = 0; i < c.slices; i++) {
                SliceOutput o = c.outs[i];
                writeAll(output, o.output(), o.outputLength());
                writeAll(rejects, o.rejects(), o.rejectsLength());
                feed(o);
                rows += o.rows();
                rejected += o.rejected();
                outside += o.outside();
            }
            offset = c.offsetAfter;
            line = c.firstLine + c.lines;
            commit();
            listener.progress(offset, rows, rejected);
            if (rejected > request.maxRejects()) {
                throw new TooManyRejectsException(request.maxRejects(), rejected, line - 1, files.rejects(),
                        files.journal());
            }
        }

        /** Gives the risk accumulator a slice's priced rows in order. */
        private void feed(SliceOutput o) {
            int d = rowDeltas.length;
            boolean exact = plan.exact() != null;
            for (int r = 0; r < o.rows(); r++) {
                risk.add(o.values[r], o.pnl[r], o.deltaGamma[r]);
                if (exact) {
                    System.arraycopy(o.deltas, r * d, rowDeltas, 0, d);
                    System.arraycopy(o.exactDeltas, r * d, rowExact, 0, d);
                    risk.addExact(o.values[r], o.exactValues[r], rowDeltas, rowExact);
                }
            }
        }

        /** Forces the files to the device, then replaces the journal. */
        private void commit() throws IOException {
            output.force(false);
            rejects.force(false);
            risk.flush();
            ObjectNode j = JSON.createObjectNode();
            j.put("format", JOURNAL_FORMAT);
            j.put("version", 1);
            j.put("fingerprint", fingerprint);
            j.put("offset", offset);
            j.put("line", line);
            j.put("outputLength", output.position());
            j.put("rejectsLength", rejects.position());
            j.put("rows", rows);
            j.put("rejected", rejected);
            j.put("outside", outside);
            j.put("seconds", priorSeconds + (System.nanoTime() - t0) / 1e9);
            j.set("risk", risk.checkpoint());
            AtomicFiles.writeString(files.journal(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(j));
        }

        private static void writeAll(FileChannel ch, byte[] b, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
    }
}
