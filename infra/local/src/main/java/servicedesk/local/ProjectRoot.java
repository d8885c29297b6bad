package servicedesk.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's top directory: the nearest one above the working directory holding template.yaml. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("servicedesk.root", System.getenv("SERVICEDESK_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("template.yaml")) && Files.isDirectory(directory.resolve("infra"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("Run this from inside the project: no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
