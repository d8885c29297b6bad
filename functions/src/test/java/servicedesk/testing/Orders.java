package servicedesk.testing;

import java.util.ArrayList;
import java.util.List;

/** Every order of a few things: how X may deliver a thread's posts. */
public final class Orders {
    private Orders() {
    }

    public static <T> List<List<T>> of(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (T first : items) {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<T> tail : of(rest)) {
                List<T> order = new ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
