package org.roadmapsync.roadmap;
