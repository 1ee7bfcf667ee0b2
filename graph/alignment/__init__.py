"""The alignment index: its weights and blocs (weights.yaml, blocs.yaml, read and checked by
weights.py), the ties around a subject read once and bundled per neighbour (ties.py), and the
score, series and shifts computed from them (index.py)."""
