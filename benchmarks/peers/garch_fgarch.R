# R fGarch's GARCH(1,1) with constant mean on the FCP benchmark (DEM/GBP). Called by compare-garch.sh:
#   Rscript garch_fgarch.R DATA REPS
# Prints one JSON line: estimates, logL (minus fGarch's minimised objective), best and median time per fit.
suppressPackageStartupMessages(library(fGarch))
args <- commandArgs(trailingOnly = TRUE)
y <- read.csv(args[1])$dem2gbp
reps <- as.integer(args[2])
fitOnce <- function() garchFit(~garch(1, 1), data = y, include.mean = TRUE, trace = FALSE)
ms <- numeric(reps)
for (i in seq_len(reps)) {
  t0 <- proc.time()[["elapsed"]]
  fit <- fitOnce()
  ms[i] <- 1000 * (proc.time()[["elapsed"]] - t0)
}
b <- coef(fit)
cat(sprintf(paste0('{"tool": "R fGarch garchFit (nlminb, init.rec mci)", "mu": %.17g, "omega": %.17g, ',
                   '"alpha": %.17g, "beta": %.17g, "loglik": %.17g, "best_ms": %.6g, "median_ms": %.6g, ',
                   '"reps": %d, "version": "fGarch %s, %s"}\n'),
            b[["mu"]], b[["omega"]], b[["alpha1"]], b[["beta1"]], -fit@fit$llh, min(ms), median(ms), reps,
            as.character(packageVersion("fGarch")), R.version.string))
