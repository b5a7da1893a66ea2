package org.roadmapsync.sync;
