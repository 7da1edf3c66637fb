import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.Arrays;

/**
 * How long one Argon2id password hash and one check take with the console's production parameters
 * (19 MiB, 2 passes, 1 lane): every login pays one check, so this bounds logins per second and
 * core. Run through bench/password-hash.sh.
 */
public class PasswordHashBench {

    public static void main(String[] args) {
        int memoryKib = args.length > 0 ? Integer.parseInt(args[0]) : 19_456;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Argon2Function argon2 = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
        String password = "ein-sicheres-Benchmark-Passwort";
        for (int i = 0; i < 5; i++) {
            String h = Password.hash(password).addRandomSalt(16).with(argon2).getResult();
            Password.check(password, h).with(Argon2Function.getInstanceFromHash(h));
        }
        double[] hash = new double[rounds];
        double[] check = new double[rounds];
        String stored = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            stored = Password.hash(password).addRandomSalt(16).with(argon2).getResult();
            long t1 = System.nanoTime();
            if (!Password.check(password, stored)
                    .with(Argon2Function.getInstanceFromHash(stored))) {
                throw new IllegalStateException("check failed");
            }
            long t2 = System.nanoTime();
            hash[i] = (t1 - t0) / 1e6;
            check[i] = (t2 - t1) / 1e6;
        }
        System.out.printf(
                "Argon2id m=%d KiB t=%d p=1, %d rounds, %d cores%n",
                memoryKib, iterations, rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf("hash : median %.1f ms, p90 %.1f ms%n", pct(hash, 50), pct(hash, 90));
        System.out.printf(
                "check: median %.1f ms, p90 %.1f ms (one per login)%n",
                pct(check, 50), pct(check, 90));
        System.out.println("example hash: " + stored);
    }

    private static double pct(double[] values, int p) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
