package dev.tusk.bench;

import java.io.Reader;

/**
 * The bulk-load rows as COPY text, generated as they are read: {@code rows} lines of
 * {@link RowValues#appendCopyText}, without holding them all in memory.
 */
final class CopyTextReader extends Reader {

    private final int rows;
    private final StringBuilder line = new StringBuilder(96);
    private int nextRow;
    private int position;

    CopyTextReader(int rows) {
        this.rows = rows;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (position == line.length()) {
                if (nextRow == rows) {
                    break;
                }
                line.setLength(0);
                RowValues.appendCopyText(nextRow++, line);
                line.append('\n');
                position = 0;
            }
            int n = Math.min(length - written, line.length() - position);
            line.getChars(position, position + n, buffer, offset + written);
            position += n;
            written += n;
        }
        return written == 0 ? -1 : written;
    }

    @Override
    public void close() {
        nextRow = rows;
        position = line.length();
    }
}
