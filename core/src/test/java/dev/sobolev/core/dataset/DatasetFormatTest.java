package dev.sobolev.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetFormatTest {

    @Test
    void parsesCaseInsensitively() {
        assertEquals(DatasetFormat.NPY, DatasetFormat.parse("npy"));
        assertEquals(DatasetFormat.NPY, DatasetFormat.parse("NPY"));
        assertEquals(DatasetFormat.CSV, DatasetFormat.parse(" Csv "));
        assertEquals("npy", DatasetFormat.NPY.suffix());
        assertEquals("csv", DatasetFormat.CSV.suffix());
        assertEquals("test/X.csv", DatasetFormat.CSV.fileName("test/X"));
    }

    @Test
    void rejectsUnknownNamingValueAndAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFormat.parse("parquet"));
        assertTrue(e.getMessage().contains("'parquet'"), e.getMessage());
        assertTrue(e.getMessage().contains("npy, csv"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetFormat.parse(null));
    }
}
