package dev.sobolev.surrogate.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The first generation of both searches, the probe of the δ_min step (Fig. 4): complexities spread evenly over
 * [ηmin, ηmax] (candidate i of P at ηmin + round(i·(ηmax − ηmin)/(P − 1))) so that δ_min is taken across
 * complexities, each with a learning rate and an α drawn uniformly from the grid, α below 1 so that every candidate
 * trains with gradients and has a values-only twin to differ from.
 */
final class Probe {
    private Probe() {
    }

    /**
     * The probe generation.
     *
     * @param space      the space
     * @param population candidates, ≥ 2
     * @param rng        the search's stream
     * @return the candidates, complexities increasing
     */
    static List<Candidate> generation(SearchSpace space, int population, UniformRandomProvider rng) {
        int levels = space.levels();
        int alphaLevels = space.alpha(levels - 1) < 1 ? levels : levels - 1;
        List<Candidate> out = new ArrayList<>(population);
        for (int i = 0; i < population; i++) {
            int eta = space.etaMin() + (int) Math.round((double) i * (space.etaMax() - space.etaMin()) / (population - 1));
            double lr = space.learningRate(rng.nextInt(levels));
            double alpha = space.alpha(rng.nextInt(alphaLevels));
            out.add(new Candidate(eta, lr, alpha));
        }
        return out;
    }
}
