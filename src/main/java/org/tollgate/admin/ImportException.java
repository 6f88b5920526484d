package org.tollgate.admin;

import java.nio.file.Path;

/** The import file cannot be used; the message names the file and the problem, never a secret. */
public class ImportException extends RuntimeException {

    public ImportException(Path file, String problem) {
        super("Import file " + file + ": " + problem);
    }
}
