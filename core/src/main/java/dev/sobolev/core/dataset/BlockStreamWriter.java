package dev.sobolev.core.dataset;

import java.util.List;
import java.util.function.LongConsumer;

import org.apache.commons.rng.UniformRandomProvider;

import dev.sobolev.core.random.BlockTasks;
import dev.sobolev.core.random.RandomStreams;

/**
 * Generates rows of several arrays block by block in parallel and streams them into a {@link DatasetWriter}
 * in chunks of whole blocks, so memory stays bounded (about {@value #CHUNK_DOUBLES} doubles of buffers) for
 * any row count. Block b (rows 4096·b … 4096·b + 4095) always uses the b-th stream of the given
 * {@link RandomStreams}: the bytes written do not depend on the thread count or the chunk size.
 */
public final class BlockStreamWriter {
    /** Rows per block (per random stream). */
    public static final int BLOCK_ROWS = 4096;
    /** Target number of doubles held in the chunk buffers. */
    static final long CHUNK_DOUBLES = 1L << 23;

    private BlockStreamWriter() {
    }

    /**
     * One array of the data set.
     *
     * @param stem     file stem, e.g. "X" or "test/gamma"
     * @param trailing trailing dimensions (none for a vector)
     */
    public record Array(String stem, int... trailing) {
        /** Doubles per row. */
        public int rowLength() {
            int n = 1;
            for (int t : trailing) {
                n *= t;
            }
            return n;
        }
    }

    /** Fills {@code rows} rows starting at {@code row0} of each buffer (buffer i belongs to array i). */
    @FunctionalInterface
    public interface Filler {
        /**
         * @param rng     the block's stream
         * @param rows    rows to fill
         * @param row0    first row index in the buffers
         * @param buffers one row-major buffer per array
         */
        void fill(UniformRandomProvider rng, int rows, int row0, double[][] buffers);
    }

    /**
     * Writes {@code rows} rows of every array.
     *
     * @param writer   destination
     * @param arrays   the arrays, in the order the filler's buffers take them
     * @param rows     number of rows
     * @param streams  random streams, consumed one per block
     * @param threads  worker threads
     * @param filler   the row generator
     * @param progress receives the rows written so far after each chunk
     */
    public static void write(DatasetWriter writer, List<Array> arrays, long rows, RandomStreams streams, int threads,
                             Filler filler, LongConsumer progress) {
        long rowDoubles = arrays.stream().mapToLong(Array::rowLength).sum();
        long blocksPerChunk = Math.max(1, CHUNK_DOUBLES / (rowDoubles * BLOCK_ROWS));
        int chunk = (int) Math.min(blocksPerChunk * BLOCK_ROWS, rows);
        double[][] buffers = new double[arrays.size()][];
        DatasetWriter.ArrayOutput[] outs = new DatasetWriter.ArrayOutput[arrays.size()];
        for (int i = 0; i < buffers.length; i++) {
            Array a = arrays.get(i);
            buffers[i] = new double[chunk * a.rowLength()];
            outs[i] = writer.array(a.stem(), rows, a.trailing());
        }
        for (long done = 0; done < rows; ) {
            int n = (int) Math.min(chunk, rows - done);
            fill(streams, n, threads, filler, buffers);
            for (int i = 0; i < outs.length; i++) {
                outs[i].write(buffers[i], 0, n);
            }
            done += n;
            progress.accept(done);
        }
    }

    /**
     * Fills rows 0..rows−1 of the buffers in memory with the next blocks of streams (the in-memory form of
     * {@link #write}; same rows for the same streams).
     */
    public static void fill(RandomStreams streams, int rows, int threads, Filler filler, double[][] buffers) {
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        BlockTasks.run(streams, blocks, threads, (rng, b) -> {
            int row0 = b * BLOCK_ROWS;
            filler.fill(rng, Math.min(BLOCK_ROWS, rows - row0), row0, buffers);
            return null;
        });
    }
}
