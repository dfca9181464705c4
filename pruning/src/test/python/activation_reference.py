#!/usr/bin/env python3
"""Reference values for the interval enclosure tests of the pruning module.

Writes ../resources/dev/sobolev/pruning/interval/activation-reference.csv: for ~400 points x (special points near
the critical points, the tails, tiny and large magnitudes, and seeded random points) the exact values of exp, log
and of tanh, sigmoid, softplus, SiLU and GELU with their first and second derivatives, computed with mpmath at 420
significant digits and printed to 30. A cell is left empty where the true value is too close to a double for 420
digits to tell on which side it lies (saturated tails such as tanh(800)), or where the function is undefined (log
of x <= 0).

Run from this directory: python3 activation_reference.py   (mpmath 1.3.0)
"""
import math
import os
import random
import sys

import mpmath

from mpmath import mp, mpf, exp, log, log1p, tanh, cosh, erfc, sqrt, pi

mp.dps = 420

# Formulas free of cancellation at any magnitude (1 - tanh^2 or s(1 - s) would lose everything in the tails).
def sig_d(x, k):
    e = exp(-abs(x))
    d1 = e / (1 + e) ** 2
    if k == 0:
        return 1 / (1 + e) if x >= 0 else e / (1 + e)
    return d1 if k == 1 else -d1 * tanh(x / 2)


def sech2(x):
    return 1 / cosh(x) ** 2


def phi(x):
    return exp(-x * x / 2) / sqrt(2 * pi)


def Phi(x):
    return erfc(-x / sqrt(2)) / 2


FUNCS = [
    ('exp', lambda x: exp(x)),
    ('log', lambda x: log(x) if x > 0 else None),
    ('tanh0', lambda x: tanh(x)),
    ('tanh1', lambda x: sech2(x)),
    ('tanh2', lambda x: -2 * tanh(x) * sech2(x)),
    ('sigmoid0', lambda x: sig_d(x, 0)),
    ('sigmoid1', lambda x: sig_d(x, 1)),
    ('sigmoid2', lambda x: sig_d(x, 2)),
    ('softplus0', lambda x: log1p(exp(x))),
    ('softplus1', lambda x: sig_d(x, 0)),
    ('softplus2', lambda x: sig_d(x, 1)),
    ('silu0', lambda x: x * sig_d(x, 0)),
    ('silu1', lambda x: sig_d(x, 0) + x * sig_d(x, 1)),
    ('silu2', lambda x: sig_d(x, 1) * (2 - x * tanh(x / 2))),
    ('gelu0', lambda x: x * Phi(x)),
    ('gelu1', lambda x: Phi(x) + x * phi(x)),
    ('gelu2', lambda x: phi(x) * (2 - x * x)),
]

CRITICAL = [-1.2784645427610737, 2.3993572805154675, 3.435840993535111, -0.7517915246935645,
            1.4142135623730951, 0.6584789484624084, 1.3169578969248168, 2.0]


def points():
    pts = {0.0, 1.0, 5e-324, 1e-300, 1e-20, 1e-8, 1e-3, 0.5, 2.0, 10.0, 20.0, 26.5, 30.0, 36.7, 37.5, 40.0, 50.0,
           100.0, 354.0, 700.0, 709.7, 710.0, 745.0, 746.0, 800.0}
    for c in CRITICAL:
        for v in (c, math.nextafter(c, math.inf), math.nextafter(c, -math.inf), c + 1e-8, c - 1e-8, c + 1e-12,
                  c - 1e-12):
            pts.add(v)
    pts |= {-p for p in list(pts)}
    rnd = random.Random(20240604)
    for _ in range(200):
        pts.add(rnd.uniform(-10, 10))
    for _ in range(100):
        pts.add(rnd.choice((-1, 1)) * 10 ** rnd.uniform(-12, math.log10(800)))
    pts.discard(-0.0)
    pts.add(0.0)
    return sorted(pts)


def cell(x, v):
    if v is None:
        return ''
    if x not in (0.0, 1.0):
        if v == 0:
            raise ValueError('unexpected exact zero at x = %r' % x)
        d = mpf(float(v)) if abs(v) < mpf(2) ** 1024 else None
        if d is not None and abs(v - d) <= abs(v) * mpf(10) ** -400:
            return ''  # saturated: indistinguishable from a double at this precision
    return mp.nstr(v, 30, min_fixed=1, max_fixed=0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, '..', 'resources', 'dev', 'sobolev', 'pruning', 'interval',
                       'activation-reference.csv')
    with open(out, 'w') as f:
        f.write('# Exact reference values (mpmath %s, %d digits, printed to 30) written by '
                'pruning/src/test/python/activation_reference.py; x is a double in shortest round-trip form.\n'
                % (mpmath.__version__, mp.dps))
        f.write('x,' + ','.join(n for n, _ in FUNCS) + '\n')
        for x in points():
            xm = mpf(x)
            f.write(repr(x) + ',' + ','.join(cell(x, fn(xm)) for _, fn in FUNCS) + '\n')
    print('wrote', out, file=sys.stderr)


if __name__ == '__main__':
    main()
