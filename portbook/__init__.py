"""portbook: check every number in news articles about Xinjiang's land ports."""
