package org.roadmapsync.app;
