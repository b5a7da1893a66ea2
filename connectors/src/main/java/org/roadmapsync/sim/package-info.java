package org.roadmapsync.sim;
