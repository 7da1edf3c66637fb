package de.mitzeichnen;

import io.micronaut.runtime.Micronaut;

public class Application {
    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            System.exit(Commands.run(args, System.out));
        }
        Micronaut.run(Application.class, args);
    }
}
