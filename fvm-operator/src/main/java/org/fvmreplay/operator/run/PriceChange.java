package org.fvmreplay.operator.run;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;

/**
 * The prices of a repricing study: another network version's price list ({@code --price-nv}), a price-list override
 * file kept in a ConfigMap ({@code --price-list}), or both (docs/repricing.md).
 */
@ValidationRule(
        value = "has(self.priceNv) || has(self.priceList)",
        message = "repricing needs priceNv, priceList or both")
public class PriceChange {
    @Min(17)
    @Max(29)
    private Integer priceNv;

    private ConfigMapKeySelector priceList;

    /** The network version whose price list to replay under, 17 to 29. */
    public Integer getPriceNv() {
        return priceNv;
    }

    public void setPriceNv(Integer priceNv) {
        this.priceNv = priceNv;
    }

    /** The ConfigMap key holding a price-list override file (the format of docs/repricing.md). */
    public ConfigMapKeySelector getPriceList() {
        return priceList;
    }

    public void setPriceList(ConfigMapKeySelector priceList) {
        this.priceList = priceList;
    }
}
