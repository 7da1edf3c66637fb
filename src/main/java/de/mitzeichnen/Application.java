package de.mitzeichnen;

import io.micronaut.runtime.Micronaut;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class Application {
    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            // Reports carry umlauts and dashes: UTF-8, whatever the platform's default.
            PrintStream out =
                    new PrintStream(
                            new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            System.exit(Commands.run(args, out));
        }
        Micronaut.run(Application.class, args);
    }
}
