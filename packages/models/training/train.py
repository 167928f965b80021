#!/usr/bin/python3.11
"""Train the shipped BTC/USDT 1h direction model (down / flat / up) and write model, card and parity fixture.

Reads the features exported by the TypeScript pipeline (`npm run features -w @rrr/models`), so training and
inference use the same @rrr/indicators code. Deterministic given --seed (single-threaded-equivalent
deterministic kernels, fixed data order). Run with Debian's PyTorch:

    /usr/bin/python3.11 training/train.py --seed 1

Outputs: model/direction-btcusdt-1h.onnx, model/direction-btcusdt-1h.card.json,
test/fixtures/parity.json.
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn

HOUR = 3_600_000
CLASSES = ["down", "flat", "up"]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def ms(date):
    return int(dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc).timestamp() * 1000)


def iso(t):
    return dt.datetime.fromtimestamp(t / 1000, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- model
class Block(nn.Module):
    """Pre-LayerNorm (norm_first) encoder layer with causal multi-head self-attention."""

    def __init__(self, d, heads, ff, attn_dropout, dropout):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.attn_drop = nn.Dropout(attn_dropout)
        self.drop1 = nn.Dropout(dropout)
        self.norm2 = nn.LayerNorm(d)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.drop2 = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)
        q = q.reshape(b, t, h, d // h).transpose(1, 2)
        k = k.reshape(b, t, h, d // h).transpose(1, 2)
        v = v.reshape(b, t, h, d // h).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d // h)) + mask
        a = self.attn_drop(torch.softmax(scores, dim=-1))
        y = (a @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop1(self.proj(y))
        return x + self.drop2(self.ff(self.norm2(x)))


class DirectionTransformer(nn.Module):
    """features [batch, window, F] -> logits [batch, window, 3]; position i sees only positions <= i."""

    def __init__(self, features, window, d=32, heads=4, layers=2, ff=64):
        super().__init__()
        self.embed = nn.Linear(features, d)
        self.pos = nn.Parameter(torch.zeros(1, window, d))
        nn.init.normal_(self.pos, std=0.02)
        self.embed_drop = nn.Dropout(0.1)
        self.blocks = nn.ModuleList([Block(d, heads, ff, attn_dropout=0.2, dropout=0.1) for _ in range(layers)])
        self.norm = nn.LayerNorm(d)
        self.head_drop = nn.Dropout(0.2)
        self.head = nn.Linear(d, 3)
        causal = torch.triu(torch.ones(window, window, dtype=torch.bool), diagonal=1)
        self.register_buffer("mask", torch.zeros(window, window).masked_fill(causal, -1e9))

    def forward(self, x):
        h = self.embed_drop(self.embed(x) + self.pos)
        for block in self.blocks:
            h = block(h, self.mask)
        return self.head(self.head_drop(self.norm(h)))


def focal_loss(logits, target, gamma, smoothing):
    logp = torch.log_softmax(logits, dim=-1)
    q = torch.full_like(logp, smoothing / 3)
    q.scatter_(-1, target.unsqueeze(-1), 1 - smoothing + smoothing / 3)
    return (-(1 - logp.exp()).pow(gamma) * q * logp).sum(-1).mean()


# ---------------------------------------------------------------- metrics
def softmax_np(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def metrics(prob, y):
    pred = prob.argmax(-1)
    cm = np.zeros((3, 3), dtype=int)
    for a, p in zip(y, pred):
        cm[a, p] += 1
    f1 = []
    for c in range(3):
        tp = cm[c, c]
        prec = tp / cm[:, c].sum() if cm[:, c].sum() else 0.0
        rec = tp / cm[c, :].sum() if cm[c, :].sum() else 0.0
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {"accuracy": float((pred == y).mean()), "macroF1": float(np.mean(f1)), "confusion": cm.tolist()}


def ece(prob, y, bins=15):
    conf = prob.max(-1)
    correct = (prob.argmax(-1) == y).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for i in range(bins):
        sel = (conf > edges[i]) & (conf <= edges[i + 1])
        if sel.any():
            total += sel.mean() * abs(correct[sel].mean() - conf[sel].mean())
    return float(total)


def nll(logits, y, temperature):
    p = softmax_np(logits / temperature)
    return float(-np.log(np.maximum(p[np.arange(len(y)), y], 1e-12)).mean())


def fit_temperature(logits, y):
    """Deterministic 1-D search of the NLL-minimizing temperature: log grid, then golden-section refinement."""
    grid = np.exp(np.linspace(math.log(0.05), math.log(20), 200))
    best = min(grid, key=lambda t: nll(logits, y, t))
    lo, hi = best / 1.1, best * 1.1
    g = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if nll(logits, y, a) < nll(logits, y, b):
            hi = b
        else:
            lo = a
    return float((lo + hi) / 2)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--window", type=int, default=32)
    ap.add_argument("--horizon", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train-end", default="2024-01-01")
    ap.add_argument("--val-end", default="2025-01-01")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    meta = json.load(open(os.path.join(HERE, "out", "features.json")))
    X = np.fromfile(os.path.join(HERE, "out", "features.f64"), dtype="<f8").reshape(meta["rows"], meta["cols"])
    ts = np.array(meta["timestamp"], dtype=np.int64)
    close = np.array(meta["close"], dtype=np.float64)
    n, F, T, H = meta["rows"], meta["cols"], args.window, args.horizon

    # label of bar t: log return from close[t] to close[t+H], only where those H bars are contiguous
    fwd = np.full(n, np.nan)
    fwd[: n - H] = np.log(close[H:] / close[: n - H])
    contiguous = np.zeros(n, dtype=bool)
    contiguous[: n - H] = (ts[H:] - ts[: n - H]) == H * HOUR
    fwd[~contiguous] = np.nan
    # back-looking return of the last completed horizon (for the last-direction baseline)
    back = np.full(n, np.nan)
    back[H:] = np.log(close[H:] / close[: n - H])
    back[H:][(ts[H:] - ts[: n - H]) != H * HOUR] = np.nan

    # window ending at t: rows t-T+1..t finite and the T bars contiguous
    finite = np.isfinite(X).all(axis=1)
    ok_end = np.zeros(n, dtype=bool)
    for t in range(T - 1, n):
        ok_end[t] = ts[t] - ts[t - T + 1] == (T - 1) * HOUR
    run = np.zeros(n, dtype=int)
    for t in range(n):
        run[t] = (run[t - 1] + 1 if t else 1) if finite[t] else 0
    valid_end = ok_end & (run >= T) & np.isfinite(fwd)

    train_end, val_end = ms(args.train_end), ms(args.val_end)
    # label horizon must stay inside its split (no label leaks across the boundary)
    in_train = valid_end & (ts + H * HOUR < train_end)
    in_val = valid_end & (ts >= train_end) & (ts + H * HOUR < val_end)
    in_test = valid_end & (ts >= val_end)

    thr = float(np.quantile(np.abs(fwd[in_train]), 1 / 3))

    def label(r):
        return np.where(r > thr, 2, np.where(r < -thr, 0, 1))

    y_all = np.where(np.isfinite(fwd), label(np.nan_to_num(fwd)), -1)

    train_rows = finite & (ts < train_end)
    mean = X[train_rows].mean(axis=0)
    std = X[train_rows].std(axis=0)
    std[std == 0] = 1.0
    clip = 5.0
    Z = np.clip((X - mean) / std, -clip, clip).astype(np.float32)

    def windows(ends):
        idx = ends[:, None] + np.arange(-T + 1, 1)[None, :]
        return torch.from_numpy(Z[idx])

    # training windows: stride T/2, loss on positions >= T/4 whose labels are valid and inside train
    stride = T // 2
    train_ends = np.array([t for t in range(T - 1, n, stride) if ok_end[t] and run[t] >= T and ts[t] + H * HOUR < train_end])
    pos_idx = train_ends[:, None] + np.arange(-T + 1, 1)[None, :]
    y_train_pos = torch.from_numpy(y_all[pos_idx].astype(np.int64))
    pos_ok = torch.from_numpy((y_all[pos_idx] >= 0) & (np.arange(T)[None, :] >= T // 4))
    Xtr = windows(train_ends)

    val_ends = np.nonzero(in_val)[0]
    test_ends = np.nonzero(in_test)[0]
    Xval, Xtest = windows(val_ends), windows(test_ends)
    yval, ytest = y_all[val_ends], y_all[test_ends]

    model = DirectionTransformer(F, T)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98), weight_decay=0.01)
    gen = torch.Generator().manual_seed(args.seed)

    def last_logits(xs):
        model.eval()
        with torch.no_grad():
            return torch.cat([model(xs[i : i + 1024])[:, -1, :] for i in range(0, len(xs), 1024)]).double().numpy()

    best, best_state, history = float("inf"), None, []
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(Xtr), generator=gen)
        total = 0.0
        for i in range(0, len(order), 64):
            b = order[i : i + 64]
            logits = model(Xtr[b])
            m = pos_ok[b]
            loss = focal_loss(logits[m], y_train_pos[b][m], gamma=2.0, smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
            total += float(loss) * len(b)
        vl = last_logits(Xval)
        vloss = nll(vl, yval, 1.0)
        vacc = float((vl.argmax(-1) == yval).mean())
        history.append({"epoch": epoch + 1, "trainLoss": total / len(order), "valNll": vloss, "valAccuracy": vacc})
        print(f"epoch {epoch + 1}: train {total / len(order):.4f} val nll {vloss:.4f} acc {vacc:.4f} ({time.time() - started:.0f}s)", flush=True)
        if vloss < best:
            best = vloss
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()

    vl, tl = last_logits(Xval), last_logits(Xtest)
    temperature = fit_temperature(vl, yval)
    p_raw, p_cal = softmax_np(tl), softmax_np(tl / temperature)
    test_metrics = metrics(p_raw, ytest)
    majority = int(np.bincount(y_all[in_train], minlength=3).argmax())
    maj = metrics(np.eye(3)[np.full(len(ytest), majority)], ytest)
    back_test = back[test_ends]
    last_dir = np.where(np.isfinite(back_test), label(np.nan_to_num(back_test)), majority)
    lastd = metrics(np.eye(3)[last_dir], ytest)
    evaluation = {
        "test": {
            **test_metrics,
            "samples": int(len(ytest)),
            "classCounts": np.bincount(ytest, minlength=3).tolist(),
            "eceBeforeCalibration": ece(p_raw, ytest),
            "eceAfterCalibration": ece(p_cal, ytest),
            "accuracyAfterCalibration": metrics(p_cal, ytest)["accuracy"],
            "nllBeforeCalibration": nll(tl, ytest, 1.0),
            "nllAfterCalibration": nll(tl, ytest, temperature),
        },
        "validation": {**metrics(softmax_np(vl), yval), "samples": int(len(yval)), "ece": ece(softmax_np(vl), yval)},
        "baselines": {
            "majorityClass": {"class": CLASSES[majority], **maj},
            "lastDirection": lastd,
        },
        "eceBins": 15,
        "history": history,
    }
    print(json.dumps(evaluation["test"]), json.dumps(evaluation["baselines"]), flush=True)

    os.makedirs(os.path.join(ROOT, "model"), exist_ok=True)
    onnx_path = os.path.join(ROOT, "model", "direction-btcusdt-1h.onnx")
    torch.onnx.export(
        model, Xtest[:2], onnx_path, opset_version=17, input_names=["features"], output_names=["logits"],
        dynamic_axes={"features": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True,
    )
    blob = open(onnx_path, "rb").read()

    # parity fixture: raw (unnormalized) feature windows and PyTorch logits at every position
    pick = test_ends[np.linspace(0, len(test_ends) - 1, 4).astype(int)]
    with torch.no_grad():
        ref = model(windows(pick)).double().numpy()
    fixture = {
        "description": "Raw feature windows from the test period and the PyTorch logits of the shipped model",
        "endTimestamps": [int(ts[t]) for t in pick],
        "windows": [[[float(v) for v in X[t - T + 1 + r]] for r in range(T)] for t in pick],
        "logits": ref.tolist(),
    }
    os.makedirs(os.path.join(ROOT, "test", "fixtures"), exist_ok=True)
    json.dump(fixture, open(os.path.join(ROOT, "test", "fixtures", "parity.json"), "w"))

    card = {
        "schemaVersion": 1,
        "name": "direction-btcusdt-1h",
        "version": "1.0.0",
        "description": f"Causal transformer classifying the {H}-hour forward log return of BTC/USDT as down / flat / up",
        "model": {
            "file": "direction-btcusdt-1h.onnx",
            "sha256": hashlib.sha256(blob).hexdigest(),
            "sizeBytes": len(blob),
            "format": "onnx",
            "opset": 17,
            "inputName": "features",
            "outputName": "logits",
            "output": "logits_per_position",
            "architecture": {
                "type": "causal pre-LayerNorm transformer encoder",
                "dModel": 32, "heads": 4, "layers": 2, "feedForward": 64,
                "embeddingDropout": 0.1, "attentionDropout": 0.2, "headDropout": 0.2, "residualDropout": 0.1,
                "positionalEncoding": "learned", "finalLayerNorm": True, "causalMask": True,
                "parameters": int(sum(p.numel() for p in model.parameters())),
            },
        },
        "features": {"source": "@rrr/indicators", "spec": meta["spec"], "names": meta["columns"]},
        "windowLength": T,
        "normalization": {"method": "zscore", "mean": mean.tolist(), "std": std.tolist(), "clip": clip},
        "classes": CLASSES,
        "label": {
            "horizonBars": H,
            "downThreshold": -thr,
            "upThreshold": thr,
            "definition": f"r = ln(close[t+{H}] / close[t]); up if r > {thr:.6g}, down if r < {-thr:.6g}, flat otherwise "
            "(threshold = 1/3 quantile of |r| over the training period)",
        },
        "training": {
            "symbol": meta["symbol"], "timeframe": meta["timeframe"], "dataFile": meta["source"],
            "dataSha256": meta["sourceSha256"], "seed": args.seed,
            "trainPeriod": {"start": int(ts[0]), "end": train_end - 1},
            "validationPeriod": {"start": train_end, "end": val_end - 1},
            "testPeriod": {"start": val_end, "end": int(ts[-1])},
            "optimizer": "AdamW(lr=1e-3, betas=(0.9, 0.98), weight_decay=0.01)",
            "loss": "focal loss (gamma 2) with label smoothing 0.1",
            "gradientClipNorm": 1.0, "epochs": args.epochs, "selectedBy": "lowest validation NLL",
            "framework": f"torch {torch.__version__}",
        },
        "calibration": {"method": "temperature", "temperature": temperature, "fittedOn": "validation"},
        "evaluation": evaluation,
    }
    json.dump(card, open(os.path.join(ROOT, "model", "direction-btcusdt-1h.card.json"), "w"), indent=2)
    print(f"wrote model ({len(blob)} bytes, sha256 {card['model']['sha256']}), temperature {temperature:.4f}")


if __name__ == "__main__":
    main()
