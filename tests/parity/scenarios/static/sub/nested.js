var nested = true;
