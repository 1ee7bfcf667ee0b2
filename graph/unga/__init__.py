"""The UN General Assembly's recorded votes: the historical roll calls (Voeten's data, as the
`unvotes` package ships it), imported by `geoalign votes import` into a seed folder of their own;
the curated roll calls of this story live in seed_data/ like every other fact."""
