package org.fvmreplay.fvm.trace;

import java.util.ArrayList;
import java.util.List;

/** Records every gas charge by name and milligas when enabled; the disabled instance does nothing. */
public final class GasTrace {
    private static final GasTrace DISABLED = new GasTrace(false);

    private final boolean enabled;
    private final List<String> charges;

    private GasTrace(boolean enabled) {
        this.enabled = enabled;
        this.charges = enabled ? new ArrayList<>() : List.of();
    }

    public static GasTrace disabled() {
        return DISABLED;
    }

    public static GasTrace enabled() {
        return new GasTrace(true);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void record(String name, long milligas) {
        if (enabled) {
            charges.add(name + " " + milligas);
        }
    }

    /** Lines "name milligas" in charge order. */
    public List<String> charges() {
        return List.copyOf(charges);
    }
}
