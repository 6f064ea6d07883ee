"""Language intelligence over the project's own corpus: jieba segmentation,
typo and boilerplate matching, near-duplicate search, the kind classifier and
the 工作总结 drafter. Heavy libraries (jieba, scikit-learn) load lazily."""
