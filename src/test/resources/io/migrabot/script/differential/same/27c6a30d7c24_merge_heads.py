#!/usr/bin/env python
# Copyright (c) 2023 Example Corp.
# Licensed under the Apache License, Version 2.0 (the "License");
#
#     http://www.apache.org/licenses/LICENSE-2.0

'''merge heads  	

Revision ID: 27c6a30d7c24
'''
from typing import Sequence, Union

revision = "27c6" \
    "a30d7c24"
down_revision: Union[str, Sequence[str], None] = (  # the two heads
    "1975ea83b712",   # accounts
    # blank and comment lines inside brackets

    'ae1027a6acf',
)
branch_labels: str | Sequence[str] | None = ("accounts", "billing",)
depends_on = ["ae1027a6acf"]
