#!/usr/bin/python3
"""Reference fits of scikit-learn's LogisticRegression for the probe solver's test.

Writes src/clip/probe/fixtures/sklearn-reference.json: a small synthetic data set shaped like
CLIP embeddings (L2-normalised rows drawn around one direction per class), and for a few values
of C the coefficients, intercepts, objective and predictions of

    LogisticRegression(C=C, penalty='l2', multi_class='multinomial', solver='lbfgs',
                       fit_intercept=True, tol=1e-12, max_iter=100000)

run to full convergence (tight tol, many iterations, warm-started refits), so the comparison measures the project's
solver, not where sklearn stopped.

The objective recorded is the project's (src/clip/probe/logistic.ts):

    f(W, b) = mean_i cross_entropy_i + 1/(2 C n) * ||W||^2

which is scikit-learn 1.2's lbfgs objective (sum_i loss_i + 1/(2C) ||W||^2) divided by n.

Run: /usr/bin/python3 scripts/probe-reference/make_reference.py  (needs Debian's python3-sklearn)
Deterministic: numpy's default_rng with a fixed seed; values are rounded to 6 decimals and the
rounded values are what both sides fit.
"""
import json
import sys
from pathlib import Path

try:
    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression
except ImportError as error:  # say what to install instead of a traceback
    sys.exit(f"{error}: install it with `apt-get install -y python3-sklearn`")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/clip/probe/fixtures/sklearn-reference.json"

N_TRAIN, N_TEST, DIM, CLASSES = 240, 80, 16, 5
CS = [0.1, 1.0, 10.0, 100.0]


def make_data(rng):
    centres = rng.normal(size=(CLASSES, DIM))
    y = np.arange(N_TRAIN + N_TEST) % CLASSES
    rng.shuffle(y)
    # Overlapping classes (noise comparable to the centres' spread), so no C separates them fully.
    x = centres[y] * 0.6 + rng.normal(size=(len(y), DIM))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return np.round(x, 6), y


def objective(coef, intercept, x, y, c):
    z = x @ coef.T + intercept
    z -= z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(y)
    return float(-log_p[np.arange(n), y].mean() + (coef**2).sum() / (2 * c * n))


def main():
    rng = np.random.default_rng(20210226)  # CLIP's arXiv date
    x, y = make_data(rng)
    x_train, y_train = x[:N_TRAIN], y[:N_TRAIN]
    x_test = x[N_TRAIN:]
    fits = []
    for c in CS:
        model = LogisticRegression(C=c, penalty="l2", multi_class="multinomial", solver="lbfgs", fit_intercept=True, tol=1e-12, max_iter=100000, warm_start=True)
        # scipy's L-BFGS-B also stops when f falls by less than 2.2e-9 relative (its `ftol`, which
        # sklearn does not expose): warm-started refits go on from there until f stops changing.
        iterations, previous = 0, None
        for _ in range(50):
            model.fit(x_train, y_train)
            iterations += int(model.n_iter_[0])
            f = objective(model.coef_, model.intercept_, x_train, y_train, c)
            if previous is not None and previous - f < 1e-15:
                break
            previous = f
        fits.append({
            "C": c,
            "iterations": iterations,
            "objective": objective(model.coef_, model.intercept_, x_train, y_train, c),
            "coef": np.round(model.coef_, 10).tolist(),
            "intercept": np.round(model.intercept_, 10).tolist(),
            "predictTrain": model.predict(x_train).tolist(),
            "predictTest": model.predict(x_test).tolist(),
            "probaTest": np.round(model.predict_proba(x_test[:10]), 10).tolist(),
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "source": "scripts/probe-reference/make_reference.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "classes": CLASSES,
        "dim": DIM,
        "xTrain": x_train.tolist(),
        "yTrain": y_train.tolist(),
        "xTest": x_test.tolist(),
        "fits": fits,
    }, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes): " + ", ".join(f"C={f['C']}: f={f['objective']:.8f} in {f['iterations']} it" for f in fits))


if __name__ == "__main__":
    main()
