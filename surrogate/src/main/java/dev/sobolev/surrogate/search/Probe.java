package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The first generation of both searches, the probe of the δ_min step (Fig. 4): complexities spread evenly over
 * [ηmin, ηmax] (candidate i of P at ηmin + round(i·(ηmax − ηmin)/(P − 1))), all at the middle grid level of the
 * learning rate and of α (level ⌊(levels − 1)/2⌋, so α &lt; 1 and every candidate has a values-only twin). Eq. 11
 * compares networks that differ only in complexity and in the gradient term; a learning rate or α that varied across
 * the probe would move |A[F^G] − A[F]| too (a learning rate too small to train either network makes it vanish at any
 * complexity).
 */
final class Probe {
    private Probe() {
    }

    /**
     * The probe generation.
     *
     * @param space      the space
     * @param population candidates, ≥ 2
     * @return the candidates, complexities increasing
     */
    static List<Candidate> generation(SearchSpace space, int population) {
        int middle = (space.levels() - 1) / 2;
        double lr = space.learningRate(middle);
        double alpha = space.alpha(middle);
        List<Candidate> out = new ArrayList<>(population);
        for (int i = 0; i < population; i++) {
            int eta = space.etaMin()
                    + (int) Math.round((double) i * (space.etaMax() - space.etaMin()) / (population - 1));
            out.add(new Candidate(eta, lr, alpha));
        }
        return out;
    }
}
